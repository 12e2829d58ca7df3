import type { Database } from './database.ts';
import { reduction } from './rollup-specs.ts';
import { sqlExec, sqlRows } from './sql.ts';

/**
 * Recomputes rollup_account_attributes from the roster and account_latest (small: one row per account and
 * attribute), and the month and day × rule sums per attribute value that follow from it. A roster import calls it
 * too, inside its transaction: the roster's values win over the ledger's.
 */
export async function refreshAttributes(db: Database): Promise<void> {
  await sqlExec(db, 'DELETE FROM rollup_account_attributes');
  await sqlExec(db, `INSERT INTO rollup_account_attributes ${reduction('account_attributes')}`);
  // A one-shot report keeps the value sums as views of its rows (buildReportRollups): nothing to write.
  const [{ kept, days }] = await sqlRows<{ kept: boolean; days: boolean }>(
    db,
    'SELECT ll_kept_rollups() AS kept, ll_value_days_kept() AS days',
  );
  if (!kept) return;
  const perValue = async (table: string, id: string, order: string) => {
    await sqlExec(db, `DELETE FROM ${table}`);
    await sqlExec(db, `INSERT INTO ${table} BY NAME SELECT * FROM (\n${reduction(id)}\n) ORDER BY ${order}`);
  };
  await perValue('rollup_value_month', 'value_month', 'attribute, value, month');
  // Sorted by value, then day: a filter's period reads the row groups of its value and days only.
  if (!days) return;
  await perValue('rollup_value_day_rule', 'value_day_rule', 'attribute, value, day');
  // Kept with the value day sums: a filtered rule usage reads it where it reads those (ll_rule_accounts_kept).
  await perValue('rollup_value_rule_quarter', 'value_rule_quarter', 'attribute, value, quarter, rule_id');
}
