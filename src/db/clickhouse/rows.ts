// The ledger rows of a ClickHouse source, fetched query by query (RemoteRows in src/db/database.ts): before each query the local
// `ledger` table is made to hold the rows that query's result depends on (demand.ts), and a query's reducing step
// can run on the cluster into a TEMP table instead. The Node process and its DuckDB hold candidates and reductions,
// never the remote table.
import type { DuckDBValue } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import type { Database } from '../database.ts';
import type { RemoteRows } from '../database.ts';
import { loadQuery, splitTopLevel, usedParams } from '../run.ts';
import type { ClickhouseReader } from './client.ts';
import { castList, insertCount, readPart } from './csv-insert.ts';
import { DEMANDS, type DemandContext } from './demand.ts';
import { loadLedger } from './load.ts';
import { column, remoteSql } from './remote-sql.ts';

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
    .map((c) => c.trim().replace(/\s*\(nullable\)$/, ''))
    .join(', ');
}

export class ClickhouseRows implements RemoteRows {
  /** The condition of the rows now in `ledger`: '' every row, null none. */
  private loaded: string | null = null;
  private temps = 0;

  constructor(
    private readonly reader: ClickhouseReader,
    private readonly present: Set<string>,
    private readonly dir: string,
  ) {}

  async prepare(db: Database, queryId: string, sql: string, params: Record<string, DuckDBValue>): Promise<string> {
    if (!readsLedger(sql)) return sql;
    const demand = DEMANDS[queryId];
    if (!demand) {
      // A query without a demand of its own reads every row (once: later queries find them).
      await this.rows(db, '');
      return sql;
    }
    return demand(this.context(db, sql, params));
  }

  close() {
    void this.reader.close();
  }

  /** Makes `ledger` hold exactly the rows `where` selects (a ClickHouse condition; '' every row, null none). */
  private async rows(db: Database, where: string | null) {
    if (this.loaded === '' || where === this.loaded) return;
    await db.exec('DELETE FROM ledger');
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

  /** Runs queries/clickhouse/`file`.sql on the cluster into a new TEMP table; returns its name. */
  private async table(db: Database, file: string, values: Record<string, string>): Promise<string> {
    const name = `ll_remote_${++this.temps}`;
    const path = `clickhouse/${file}`;
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${name} (${returnsDdl(path)})`);
    const [{ n }] = await db.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM information_schema.columns WHERE table_name = '${name}'`,
    );
    const columns = await db.all<{ name: string; type: string }>(
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

  private context(db: Database, sql: string, params: Record<string, DuckDBValue>): DemandContext {
    return {
      sql,
      params,
      col: (name) => column(name, this.present),
      rows: (where) => this.rows(db, where),
      table: (file, values) => this.table(db, file, values),
      local: async (text) => {
        const out = await db.all<Record<string, unknown>>(text, usedParams(text, params));
        return out.map((r) => Object.values(r).map((v) => String(v)));
      },
    };
  }
}
