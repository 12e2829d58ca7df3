import type { Database } from '../db/database.ts';
import { loadQuery } from '../db/run.ts';

/**
 * Stores queries/audit_account_rule_day.sql for [since, to) and its per-account-day sum (audit_account_day.sql) as
 * TEMP tables: built once per audit and shared by the spike, floor and burst checks (a temp table works on a
 * read-only database too).
 */
export async function buildAccountDayRollup(db: Database, since: string, to: string): Promise<void> {
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_rule_day AS ${loadQuery('audit_account_rule_day').sql}`, { since, to });
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_day AS ${loadQuery('audit_account_day').sql}`);
}

export async function dropAccountDayRollup(db: Database): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS audit_account_day');
  await db.exec('DROP TABLE IF EXISTS audit_account_rule_day');
}
