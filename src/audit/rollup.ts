import type { Database } from '../db/database.ts';
import { rollupsCurrent } from '../db/rollups.ts';
import { loadQuery } from '../db/run.ts';

/**
 * Stores queries/audit_account_rule_day.sql for [since, to) and its per-account-day sum (audit_account_day.sql) as
 * TEMP tables: built once per audit and shared by the spike, floor and burst checks (a temp table works on a
 * read-only database too). With `kept` (the import-time rollups are current) both come from rollup_account_day and
 * account_attributes without a pass over the ledger rows; otherwise from the rows.
 */
export async function buildAccountDayRollup(db: Database, since: string, to: string, kept: boolean): Promise<void> {
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_rule_day AS ${loadQuery('audit_account_rule_day').sql}`, {
    since,
    to,
    kept,
  });
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_day AS ${loadQuery('audit_account_day').sql}`);
}

export async function dropAccountDayRollup(db: Database): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS audit_account_day');
  await db.exec('DROP TABLE IF EXISTS audit_account_rule_day');
}

/** Whether the audit may read the import-time rollups: they are current, and the caller did not ask for raw rows. */
export async function keptRollupsInUse(db: Database, raw: boolean | undefined): Promise<boolean> {
  return !raw && (await rollupsCurrent(db));
}
