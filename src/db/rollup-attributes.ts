import { absentInDayRule } from './absent-sums.ts';
import type { Database } from './database.ts';
import { reduction } from './rollup-specs.ts';
import { sqlExec, sqlRows } from './sql.ts';

/**
 * Recomputes rollup_account_attributes from the roster and account_latest (small: one row per account and
 * attribute), and the month and day × rule sums per attribute value and the cohorts that follow from it (a cohort
 * is the roster's joined month where it gives one). A roster import calls it
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
  await sqlExec(db, VALUE_ID_TABLES);
  const perValue = async (table: string, sql: string, order: string) => {
    await sqlExec(db, `DELETE FROM ${table}`);
    await sqlExec(db, `INSERT INTO ${table} BY NAME SELECT * FROM (\n${byValueId(sql)}\n) ORDER BY ${order}`);
  };
  await perValue('rollup_value_month', reduction('value_month'), 'attribute, value, month');
  // Unfiltered and per value in one table, NULL pairs first: a grid reads one pair's few hundred rows.
  await sqlExec(db, 'DELETE FROM rollup_cohort_month');
  await sqlExec(
    db,
    `INSERT INTO rollup_cohort_month BY NAME SELECT * FROM (\n${reduction('cohort_month')}\n) ORDER BY attribute NULLS FIRST, value, cohort, month`,
  );
  // Sorted by value, then day: a filter's period reads the row groups of its value and days only.
  if (days) {
    const sql = reduction('value_day_rule');
    // Its cash sums add up millions of zeros on a ledger without cash values (day × rule's few rows say so).
    const cashless = (await absentInDayRule(db)).cash;
    await perValue('rollup_value_day_rule', cashless ? withoutCash(sql) : sql, 'attribute, value, day');
    // Kept with the value day sums: a filtered rule usage reads it where it reads those (ll_rule_accounts_kept).
    await perValue('rollup_value_rule_quarter', reduction('value_rule_quarter'), 'attribute, value, quarter, rule_id');
  }
  await sqlExec(db, 'DROP TABLE ll_account_value_ids');
  await sqlExec(db, 'DROP TABLE ll_value_ids');
}

/**
 * Each (attribute, value) pair numbered, and each account's numbers: the per-value sums group by the number, not by
 * two texts (TEMP tables, dropped once the sums are written; bench/value-sums.ts makes them the same way).
 */
export const VALUE_ID_TABLES = `CREATE OR REPLACE TEMP TABLE ll_value_ids AS
  SELECT (row_number() OVER ())::INTEGER AS vid, attribute, value
  FROM (SELECT DISTINCT attribute, value FROM rollup_account_attributes);
CREATE OR REPLACE TEMP TABLE ll_account_value_ids AS
  SELECT a.account_id, v.vid FROM rollup_account_attributes a JOIN ll_value_ids v USING (attribute, value)`;

const JOIN_ATTRIBUTES = /\bJOIN rollup_account_attributes a ON a\.account_id = /;
const SELECT_VALUE = /^SELECT a\.attribute, a\.value,/m;

/**
 * A per-value reduction (value_month, value_day_rule, value_rule_quarter: the attributes joined as `a`, grouped by
 * `a.attribute, a.value` and the rest) grouped by the pair's number instead, its texts joined back to the result's
 * few thousand rows. The same rows: a number stands for one pair. Grouping ~10 M account-day cells by two more text
 * keys cost about a fifth of value_day_rule's CPU at 10 M rows. The .sql stays the one declaration (a one-shot
 * report and a user's scope read it as written).
 */
export function byValueId(sql: string): string {
  if (!JOIN_ATTRIBUTES.test(sql) || !SELECT_VALUE.test(sql) || !/GROUP BY ALL\s*$/.test(sql))
    throw new Error('a per-value reduction no longer joins rollup_account_attributes as `a` and groups by all');
  const byId = sql
    .replace(SELECT_VALUE, 'SELECT a.vid,')
    .replace(JOIN_ATTRIBUTES, 'JOIN ll_account_value_ids a ON a.account_id = ');
  return `SELECT v.attribute, v.value, r.* EXCLUDE (vid) FROM (\n${byId}\n) r JOIN ll_value_ids v USING (vid)`;
}

const CASH_SUM = /^(\s*)sum\(d\.(n_cash|cash|points_cash)\)(::[A-Z]+(?:\(\d+,\d+\))?) AS (\w+)(,?)\s*$/;

/** value_day_rule with its cash sums written as 0: for a ledger whose rows carry no cash_value at all. */
export function withoutCash(sql: string): string {
  let n = 0;
  const out = sql
    .split('\n')
    .map((line) => {
      const m = CASH_SUM.exec(line);
      if (!m) return line;
      n++;
      return `${m[1]}0${m[3]} AS ${m[4]}${m[5]}`;
    })
    .join('\n');
  if (n !== 3) throw new Error('reductions/value_day_rule.sql no longer sums n_cash, cash and points_cash as `d`');
  return out;
}
