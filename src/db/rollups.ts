import { UserError } from '../errors.ts';
import type { Database } from './database.ts';
import { refreshAttributes } from './rollup-attributes.ts';
import { addRows, recomputeFrom } from './rollup-merge.ts';
import { ofEveryRow, ROLLUP_VERSION, ROLLUPS } from './rollup-specs.ts';
import { sqlExec, sqlRows } from './sql.ts';

// The rollups' life: current or not, rebuilt, merged with each import, asserted before reads. Their tables are
// listed in rollup-specs.ts, written by rollup-merge.ts; a one-shot report's are views (rollups-one-shot.ts).
export { refreshAttributes } from './rollup-attributes.ts';
export { ROLLUP_VERSION, ROLLUPS } from './rollup-specs.ts';
export { buildReportRollups, dayRuleOfRows } from './rollups-one-shot.ts';

/** True when rollup_state says the rollups cover the ledger in this version's form. */
export async function rollupsCurrent(db: Database): Promise<boolean> {
  const rows = await sqlRows<{ version: number }>(db, `SELECT version FROM rollup_state WHERE id = 1`).catch(() => []);
  return rows[0]?.version === ROLLUP_VERSION;
}

/**
 * Recomputes every rollup from all ledger rows. Runs inside the caller's transaction when there is one (an import
 * into a database written before rollups), else in its own: the rollups change all at once or not at all.
 */
export async function rebuildRollups(db: Database, opts: { inTransaction?: boolean } = {}): Promise<void> {
  const work = async () => {
    for (const t of [...ROLLUPS.map((r) => r.table), 'account_latest']) await sqlExec(db, `DELETE FROM ${t}`);
    await addRows(db, null);
    await refreshAttributes(db);
    await sqlExec(db, `INSERT OR REPLACE INTO rollup_state VALUES (1, ${ROLLUP_VERSION})`);
  };
  if (opts.inTransaction) await work();
  else await db.transaction(work);
}

/**
 * Fills the rollups a local import alone keeps (RollupSpec.local) from the rows of a database whose other rollups
 * came from elsewhere: a ClickHouse source that loaded every row (src/db/clickhouse/open.ts) marks its rollups
 * current, and an empty one of these would be read as a ledger without those rows.
 */
export async function fillLocalRollups(db: Database): Promise<void> {
  for (const r of ROLLUPS.filter((x) => x.local)) {
    // A rollup kept per quarter is reduced one quarter at a time, as an import does.
    if (r.recompute) {
      await recomputeFrom(db, r, null);
      continue;
    }
    await sqlExec(db, `DELETE FROM ${r.table}`);
    await sqlExec(db, `INSERT INTO ${r.table} BY NAME SELECT * FROM (\n${ofEveryRow(r.reduction)}\n)`);
  }
}

/**
 * Adds one import's rows to the rollups, inside the import's transaction. A ledger import only adds rows (an
 * event_id is never overwritten), so reducing the new rows and adding the sums where a key exists is exact.
 * Rollups that do not cover the older rows yet are rebuilt whole instead.
 */
export async function mergeRollups(db: Database, importId: number): Promise<void> {
  if (!(await rollupsCurrent(db))) return rebuildRollups(db, { inTransaction: true });
  await addRows(db, importId);
  await refreshAttributes(db);
}

/** A database whose ledger has rows but no current rollups cannot be read: say which command fixes it. */
export async function assertRollups(db: Database): Promise<void> {
  if (await rollupsCurrent(db)) return;
  const [{ rows }] = await sqlRows<{ rows: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM ledger) AS rows`);
  if (!rows) return;
  throw new UserError(
    'rollups_missing',
    `${db.path}: the database has no rollups for its ledger rows (it was written by an older version of Ledger Lens)`,
    {
      hint: `Run \`ledger-lens rollups --db ${db.path}\` once to build them; later imports keep them up to date.`,
    },
  );
}
