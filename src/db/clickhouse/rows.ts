// The ledger rows of a ClickHouse source, fetched query by query (RemoteRows in src/db/database.ts): before each query the local
// `ledger` table is made to hold the rows that query's result depends on (demand.ts), and a query's reducing step
// can run on the cluster into a TEMP table instead. The Node process and its DuckDB hold candidates and reductions,
// never the remote table.
import type { DuckDBValue } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import type { Database } from '../database.ts';
import type { RemoteRows } from '../database.ts';
import { duckdbType } from '../header-schema.ts';
import { loadQuery, splitTopLevel, usedParams } from '../run.ts';
import type { ClickhouseReader } from './client.ts';
import { castList, insertCount, readPart } from './csv-insert.ts';
import { DEMANDS, type DemandContext } from './demand.ts';
import { loadLedger } from './load.ts';
import { cellCondition, type Cells, covers, widen } from './cells.ts';
import { lazyRollupsRead } from './needs.ts';
import { fillRollup, LAZY_REDUCTIONS } from './reduce.ts';
import { column, remoteSql } from './remote-sql.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/** Whether the query text (comments left out) reads the ledger at all (ll_rule_experiments: a macro that does). */
const readsLedger = (sql: string) =>
  /\b(ledger(_clean)?|ll_rule_experiments)\b/.test(
    sql
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('--'))
      .join('\n'),
  );

/** A query file's `-- returns:` as DuckDB column definitions. */
function returnsDdl(file: string): string {
  const line = /^-- returns: (.*)$/m.exec(loadQuery(file).sql)?.[1];
  if (!line) throw new Error(`${file}.sql has no returns line`);
  return splitTopLevel(line)
    .map((c) => duckdbType(c))
    .join(', ');
}

/** What came back from the cluster for one query (its rows, reductions and candidates). */
export interface QueryTransfer {
  query: string;
  rows: number;
  bytes: number;
  ledgerRows: number;
}

export class ClickhouseRows implements RemoteRows {
  /** The condition of the rows now in `ledger`: '' every row, null none. */
  private loaded: string | null = null;
  /** The cells each lazy rollup table (reduce.ts LAZY_REDUCTIONS) holds (cells.ts); absent: none. */
  private readonly rollupsHeld = new Map<string, Cells>();
  private temps = 0;
  /** Per prepared query, in order: what it fetched (the bench prints it). */
  readonly transfers: QueryTransfer[] = [];
  /** The roster's department per account as a ClickHouse query of (a, rd) (load.ts); none without a roster. */
  rosterDepartment = "SELECT '' AS a, '' AS rd";
  /** What one query's demand leaves for a later one (the audit's window, for the checks that read it). */
  private readonly memo = new Map<string, string>();

  constructor(
    private readonly reader: ClickhouseReader,
    private readonly present: Set<string>,
    private readonly dir: string,
  ) {}

  async prepare(db: Database, queryId: string, sql: string, params: Record<string, DuckDBValue>): Promise<string> {
    const { rows, bytes, ledgerRows } = this.reader.stats;
    const filled = new Set<string>();
    const demand = DEMANDS[queryId];
    let text = sql;
    if (demand) text = await demand(this.context(db, sql, params, filled));
    // A query without a demand of its own reads every row (once: later queries find them).
    else if (readsLedger(sql)) await this.rows(db, '');
    // A large rollup the query still reads, and its demand did not narrow, comes back whole (once).
    for (const table of lazyRollupsRead(text, params)) if (!filled.has(table)) await this.rollup(db, table, 'all');
    const now = this.reader.stats;
    if (now.rows > rows)
      this.transfers.push({
        query: queryId,
        rows: now.rows - rows,
        bytes: now.bytes - bytes,
        ledgerRows: now.ledgerRows - ledgerRows,
      });
    return text;
  }

  /** Every ledger row and every rollup whole: for reads the demands cannot see (a user's scope views). */
  async complete(db: Database): Promise<void> {
    await this.rows(db, '');
    for (const table of LAZY_REDUCTIONS) await this.rollup(db, table, 'all');
  }

  close() {
    void this.reader.close();
  }

  /** Makes `ledger` hold exactly the rows `where` selects (a ClickHouse condition; '' every row, null none). */
  private async rows(db: Database, where: string | null) {
    if (this.loaded === '' || where === this.loaded) return;
    await sqlExec(db, 'DELETE FROM ledger');
    this.loaded = null;
    if (where !== null)
      await loadLedger(
        this.reader,
        db,
        this.present,
        this.dir,
        where.replaceAll('{ledger}', this.reader.source.tableSql),
      );
    this.loaded = where;
  }

  /** Makes a lazy rollup table hold at least these cells (the ones it held stay: cells.ts). */
  private async rollup(db: Database, table: string, want: Cells) {
    const held = this.rollupsHeld.get(table);
    if (covers(held, want)) return;
    const cells = widen(held, want);
    await sqlExec(db, `DELETE FROM ${table}`);
    this.rollupsHeld.delete(table);
    await fillRollup(this.reader, db, table, this.present, this.dir, cellCondition(cells));
    this.rollupsHeld.set(table, cells);
  }

  /** Runs queries/clickhouse/`file`.sql on the cluster into a new TEMP table; returns its name. */
  private async table(db: Database, file: string, values: Record<string, string>): Promise<string> {
    const name = `ll_remote_${++this.temps}`;
    const path = `clickhouse/${file}`;
    await sqlExec(db, `CREATE OR REPLACE TEMP TABLE ${name} (${returnsDdl(path)})`);
    const [{ n }] = await sqlRows<{ n: number }>(
      db,
      `SELECT count(*)::INTEGER AS n FROM information_schema.columns WHERE table_name = '${name}'`,
    );
    const columns = await sqlRows<{ name: string; type: string }>(
      db,
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = '${name}' ORDER BY ordinal_position`,
    );
    const sql = remoteSql(path, this.reader.source.tableSql, this.present, values);
    await this.reader.csvFiles(sql, this.dir, async (part) => {
      const added = await insertCount(db, `INSERT INTO ${name} SELECT ${castList(columns)} FROM ${readPart(part, n)}`);
      rmSync(part);
      return added;
    });
    return name;
  }

  private context(db: Database, sql: string, params: Record<string, DuckDBValue>, filled: Set<string>): DemandContext {
    return {
      sql,
      params,
      col: (name) => column(name, this.present),
      rows: (where) => this.rows(db, where),
      rollup: (table, cells) => {
        filled.add(table);
        return this.rollup(db, table, cells);
      },
      table: (file, values) => this.table(db, file, values),
      roster: this.rosterDepartment,
      memo: this.memo,
      local: async (text) => {
        const out = await sqlRows<Record<string, unknown>>(db, text, usedParams(text, params));
        return out.map((r) => Object.values(r).map((v) => String(v)));
      },
    };
  }
}
