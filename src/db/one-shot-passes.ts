import { type Absent, withoutAbsentSums } from './absent-sums.ts';
import type { Database } from './database.ts';
import { ONE_SHOT_DAY, ONE_SHOT_LEDGER } from './one-shot-rows.ts';

/**
 * ll_period_accounts_direct (queries/views/37_period_accounts.sql) for a one-shot report, whose rollups are views of
 * its rows: each account's activity over [p_from, p_to) grouped from the rows in one step. The stored path's macro
 * adds up account × month (or account × day) sums, which here are themselves groupings of the same rows: two
 * groupings where one gives the same numbers (counts, and exact decimal sums of the earn rows). A third of the CPU of
 * each per-account pass at 2M rows. Periods are whole days, as the day kept with each row (ONE_SHOT_DAY); the stored
 * day is what makes DuckDB skip the row groups outside the period.
 */
const PERIOD_ACCOUNTS_OF_ROWS = `CREATE OR REPLACE TEMP MACRO ll_period_accounts_direct(p_from, p_to, s_attr, s_val) AS TABLE
SELECT account_id,
       count(*)::BIGINT AS n,
       count(*) FILTER (WHERE event_type <> 'expire')::BIGINT AS n_active,
       count(*) FILTER (WHERE event_type = 'earn')::BIGINT AS n_earn,
       coalesce(sum(points) FILTER (WHERE event_type = 'earn'), 0)::DECIMAL(38,2) AS earned
FROM ${ONE_SHOT_LEDGER}
WHERE (p_from IS NULL OR ${ONE_SHOT_DAY} >= p_from::DATE) AND ${ONE_SHOT_DAY} < p_to::DATE
  AND ll_in_scope(account_id, s_attr, s_val)
GROUP BY account_id`;

/**
 * ll_period_rule_use (views/37) of the rows: each rule's (rule, account) pairs grouped once and counted, where the
 * stored path's distinct count reads account × day × rule × type cells, here a grouping of the rows themselves. A
 * row without a rule has rule_id NULL here ('' in the rollup): left out either way. About half the CPU at 2M rows.
 */
const RULE_USE_OF_ROWS = `CREATE OR REPLACE TEMP MACRO ll_period_rule_use(p_from, p_to, s_attr, s_val) AS TABLE
SELECT rule_id, sum(rows) AS rows, count(*) AS accounts, sum(points) AS points
FROM (
  SELECT rule_id, account_id, count(*) AS rows, sum(points) AS points
  FROM ${ONE_SHOT_LEDGER}
  WHERE rule_id <> '' AND ${ONE_SHOT_DAY} >= p_from::DATE AND ${ONE_SHOT_DAY} < p_to::DATE
    AND ll_in_scope(account_id, s_attr, s_val)
  GROUP BY rule_id, account_id
)
GROUP BY rule_id`;

/**
 * Makes the one-shot's per-account and per-rule passes read its rows directly, here and on every fork; a count
 * filtered on a type no row has (`absent`) counts every row without testing each (src/db/absent-sums.ts).
 */
export async function passesOfRows(db: Database, absent: Absent): Promise<void> {
  for (const sql of [PERIOD_ACCOUNTS_OF_ROWS, RULE_USE_OF_ROWS])
    await db.everyConnection(withoutAbsentSums(sql, absent));
}
