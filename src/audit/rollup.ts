import type { Database } from '../db/database.ts';
import { rollupsCurrent } from '../db/rollups.ts';
import { preparedSql, usedParams } from '../db/run.ts';

/**
 * Stores queries/audit_account_rule_day.sql for [since, to) and its per-account-day sum (audit_account_day.sql) as
 * TEMP tables: built once per audit and shared by the spike, floor and burst checks (a temp table works on a
 * read-only database too). Still reduced from the raw rows: rollup_account_day has no department, and the spike's
 * peer groups take the department of each account-day's rows; the account's latest department (account_latest)
 * changed account_spike flags on the generated ledger, whose rows vary the department within an account.
 */
export async function buildAccountDayRollup(db: Database, since: string, to: string): Promise<void> {
  const params = { since, to };
  const ruleDay = await preparedSql(db, 'audit_account_rule_day', params);
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_rule_day AS ${ruleDay}`, usedParams(ruleDay, params));
  await db.exec(`CREATE OR REPLACE TEMP TABLE audit_account_day AS ${await preparedSql(db, 'audit_account_day', {})}`);
}

export async function dropAccountDayRollup(db: Database): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS audit_account_day');
  await db.exec('DROP TABLE IF EXISTS audit_account_rule_day');
}

/** Whether the audit may read the import-time rollups: they are current, and the caller did not ask for raw rows. */
export async function keptRollupsInUse(db: Database, raw: boolean | undefined): Promise<boolean> {
  return !raw && (await rollupsCurrent(db));
}
