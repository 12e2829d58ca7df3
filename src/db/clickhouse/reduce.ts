// The reduction boundary on a cluster (docs/query-layer.md): the ClickHouse reductions
// (queries/reductions/clickhouse/*.sql) run on the shards and their small results are inserted, file by file,
// into the same-named rollup tables of the in-memory DuckDB, where the metric SQL finishes.
import { rmSync } from 'node:fs';
import type { Database } from '../database.ts';
import { loadQuery } from '../run.ts';
import { remoteSql } from './remote-sql.ts';
import { ROLLUP_VERSION, ROLLUPS } from '../rollups.ts';
import type { ClickhouseReader } from './client.ts';
import { assertSameColumns, castList, insertCount, readPart, tableColumns } from './csv-insert.ts';

/** rollup table ← reduction; every one runs on the shards but day_rule (see loadRollups). */
export const REMOTE_REDUCTIONS: { table: string; reduction: string }[] = [
  ...ROLLUPS.map((r) => ({ table: r.table, reduction: r.reduction })),
  { table: 'account_latest', reduction: 'account_latest' },
];

/**
 * day_rule adds up account_day (queries/reductions/day_rule.sql, exact decimal sums), as the import does: account_day
 * has come back already, so DuckDB derives day_rule from it instead of asking the cluster for a second reduction.
 */
async function deriveDayRule(db: Database, table: string) {
  await db.exec('CREATE OR REPLACE TEMP VIEW ll_account_day AS SELECT * FROM rollup_account_day');
  await db.exec(`INSERT INTO ${table} BY NAME ${loadQuery('reductions/day_rule').sql}`);
  await db.exec('DROP VIEW ll_account_day');
}

/** The reduction's SQL for this table: {ledger} is the checked table name; absent optional columns become NULLs. */
export function reductionSql(reduction: string, tableSql: string, present: Set<string>): string {
  return remoteSql(`reductions/clickhouse/${reduction}`, tableSql, present);
}

/** Runs every reduction remotely and fills the rollup tables (parts written to `dir`); marks them current. */
export async function loadRollups(
  reader: ClickhouseReader,
  db: Database,
  present: Set<string>,
  dir: string,
): Promise<void> {
  for (const { table, reduction } of REMOTE_REDUCTIONS) {
    if (reduction === 'day_rule') {
      await deriveDayRule(db, table);
      continue;
    }
    const columns = await tableColumns(db, table);
    const names = await reader.csvFiles(reductionSql(reduction, reader.source.tableSql, present), dir, async (file) => {
      const rows = await insertCount(
        db,
        `INSERT INTO ${table} SELECT ${castList(columns)} FROM ${readPart(file, columns.length)}`,
      );
      rmSync(file);
      return rows;
    });
    assertSameColumns(`reductions/clickhouse/${reduction}.sql`, names, columns);
  }
  await db.exec(`INSERT OR REPLACE INTO rollup_state VALUES (1, ${ROLLUP_VERSION})`);
}
