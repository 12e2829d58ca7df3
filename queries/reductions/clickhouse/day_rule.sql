-- day_rule (ClickHouse): the remote ledger reduced to day × rule × type, as reductions/day_rule.sql adds up account_day
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: day DATE, rule_id VARCHAR, event_type VARCHAR, n BIGINT, points DECIMAL(18,2), points_pos DECIMAL(18,2), points_neg DECIMAL(18,2), n_cash BIGINT, cash DECIMAL(18,2), points_cash DECIMAL(18,2)
-- grain: one row per (day, rule_id, event_type) with rows; rule_id '' when the row has none
--
-- Reduced from the rows on the shards, not from account_day: an on-demand source (report, rank, audit, serve) never
-- fetches the account × day grain whole, and this table (days × rules × types) is what the unfiltered series read.
-- Exact decimal sums of the same rows, so it equals the sums of account_day cell for cell.
SELECT d AS day, r AS rule_id, e AS event_type, c AS n, p AS points, pp AS points_pos, pn AS points_neg,
       cc AS n_cash, cv AS cash, pc AS points_cash
FROM (
  SELECT toDate(occurred_at) AS d, ifNull(rule_id, '') AS r, event_type AS e,
         count() AS c,
         toString(sum(points)) AS p,
         toString(sumIf(points, points > 0)) AS pp,
         toString(sumIf(points, points < 0)) AS pn,
         count(cash_value) AS cc,
         toString(sumIf(assumeNotNull(cash_value), isNotNull(cash_value))) AS cv,
         toString(sumIf(points, isNotNull(cash_value))) AS pc
  FROM {ledger}
  GROUP BY d, r, e
)
