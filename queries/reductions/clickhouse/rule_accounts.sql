-- rule_accounts (ClickHouse): per rule, distinct accounts per calendar month and quarter, as reductions/rule_accounts.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: rule_id VARCHAR, period DATE, months TINYINT, accounts BIGINT
-- grain: one row per (rule_id, period, months) with rows; months 1 = the month starting at period, 3 = the quarter
--
-- Counted on the cluster (uniqExact) from the rows on the shards: rules × months rows come back, no account.
SELECT r AS rule_id, p AS period, m AS months, u AS accounts
FROM (
  SELECT ifNull(rule_id, '') AS r, toStartOfMonth(occurred_at) AS p, 1 AS m, uniqExact(account_id) AS u
  FROM {ledger}
  WHERE ifNull(rule_id, '') != ''
  GROUP BY r, p
  UNION ALL
  SELECT ifNull(rule_id, '') AS r, toStartOfQuarter(occurred_at) AS p, 3 AS m, uniqExact(account_id) AS u
  FROM {ledger}
  WHERE ifNull(rule_id, '') != ''
  GROUP BY r, p
)
