import type { Database } from '../db/database.ts';
import { rollupsCurrent } from '../db/rollups.ts';
import { loadQuery } from '../db/run.ts';

/**
 * Stores the earn rows per account, day and rule for [since, to) and their per-account-day sum (audit_account_day.sql)
 * as TEMP tables, shared by the spike, floor and burst checks (a temp table works on a read-only database too). They
 * are read from the import-time rollup (audit_account_rule_day_kept.sql) when it is current: a few rows per
 * account-day instead of a pass over the ledger. A database without current rollups (rows inserted directly, as the
 * unit fixtures do) is reduced from the raw rows (audit_account_rule_day.sql), which gives the same rows.
 */
export async function buildAccountDayRollup(db: Database, since: string, to: string, kept: boolean): Promise<void> {
  const source = kept ? 'audit_account_rule_day_kept' : 'audit_account_rule_day';
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_rule_day AS ${loadQuery(source).sql}`, { since, to });
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_day AS ${loadQuery('audit_account_day').sql}`);
}

export async function dropAccountDayRollup(db: Database): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS audit_account_day');
  await db.exec('DROP TABLE IF EXISTS audit_account_rule_day');
}

/** Whether the audit may read the import-time rollups: they are current, and the caller did not ask for raw rows. */
export async function useKeptRollups(db: Database, raw: boolean | undefined): Promise<boolean> {
  return !raw && (await rollupsCurrent(db));
}
