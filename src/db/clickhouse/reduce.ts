// The reduction boundary on a cluster (docs/query-layer.md): the ClickHouse reductions
// (queries/reductions/clickhouse/*.sql) run on the shards and their small results are inserted, file by file,
// into the same-named rollup tables of the in-memory DuckDB, where the metric SQL finishes.
import { rmSync } from 'node:fs';
import type { Database } from '../database.ts';
import { remoteSql } from './remote-sql.ts';
import { ROLLUP_VERSION, ROLLUPS } from '../rollups.ts';
import type { ClickhouseReader } from './client.ts';
import { assertSameColumns, castList, insertCount, readPart, tableColumns } from './csv-insert.ts';
import { sqlExec } from '../sql.ts';

/** rollup table ← reduction: every one runs on the shards, but those a local import alone keeps (RollupSpec.local). */
export const REMOTE_REDUCTIONS: { table: string; reduction: string }[] = [
  ...ROLLUPS.filter((r) => !r.local).map((r) => ({ table: r.table, reduction: r.reduction })),
  { table: 'account_latest', reduction: 'account_latest' },
];

/**
 * The reductions whose size follows the ledger's (account × day × rule × type; approver × day × hour): an on-demand
 * source fetches them query by query, for the cells a query reads (src/db/clickhouse/rows.ts), never whole at start.
 * Their ClickHouse SQL takes a {where} on the rows. The others are bounded by accounts × months, days × rules, edges
 * and accounts, and come back at start.
 */
export const LAZY_REDUCTIONS = new Set(['rollup_account_day', 'rollup_approver_hour']);

/** The reduction's SQL for this table: {ledger} is the checked table name; absent optional columns become NULLs. */
export function reductionSql(reduction: string, tableSql: string, present: Set<string>, where = '1'): string {
  const file = `reductions/clickhouse/${reduction}`;
  return remoteSql(file, tableSql, present, { where });
}

/** Runs one reduction remotely (over the rows `where` selects) and inserts its rows into `table`; returns how many. */
export async function fillRollup(
  reader: ClickhouseReader,
  db: Database,
  table: string,
  present: Set<string>,
  dir: string,
  where = '1',
): Promise<void> {
  const reduction = REMOTE_REDUCTIONS.find((r) => r.table === table)?.reduction;
  if (!reduction) throw new Error(`no ClickHouse reduction fills ${table}`);
  const columns = await tableColumns(db, table);
  const sql = reductionSql(reduction, reader.source.tableSql, present, where);
  const names = await reader.csvFiles(sql, dir, async (file) => {
    const rows = await insertCount(
      db,
      `INSERT INTO ${table} SELECT ${castList(columns)} FROM ${readPart(file, columns.length)}`,
    );
    rmSync(file);
    return rows;
  });
  assertSameColumns(`reductions/clickhouse/${reduction}.sql`, names, columns);
}

/**
 * Runs the reductions remotely and fills the rollup tables (parts written to `dir`); marks them current. `lazy`
 * leaves out LAZY_REDUCTIONS (filled per query by an on-demand source).
 */
export async function loadRollups(
  reader: ClickhouseReader,
  db: Database,
  present: Set<string>,
  dir: string,
  lazy = false,
): Promise<void> {
  for (const { table } of REMOTE_REDUCTIONS) {
    if (lazy && LAZY_REDUCTIONS.has(table)) continue;
    await fillRollup(reader, db, table, present, dir);
  }
  await sqlExec(db, `INSERT OR REPLACE INTO rollup_state VALUES (1, ${ROLLUP_VERSION})`);
}
