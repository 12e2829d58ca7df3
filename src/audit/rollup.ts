import type { Database } from '../db/database.ts';
import { loadQuery } from '../db/run.ts';

/**
 * Stores queries/audit_account_day.sql as the TEMP table audit_account_day for [since, to): built once per audit
 * and shared by the spike, floor and burst checks (a temp table works on a read-only database too).
 */
export async function buildAccountDayRollup(db: Database, since: string, to: string): Promise<void> {
  const { sql } = loadQuery('audit_account_day');
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_day AS ${sql}`, { since, to });
}
