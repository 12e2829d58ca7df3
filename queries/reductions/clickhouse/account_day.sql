-- account_day (ClickHouse): the remote ledger reduced to account × day × rule × type, as reductions/account_day.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value), {where} a
-- condition on the rows (1 = all; an on-demand source fetches the cells one query reads, src/db/clickhouse/rows.ts)
-- returns: account_id VARCHAR, day DATE, rule_id VARCHAR, event_type VARCHAR, n BIGINT, points DECIMAL(18,2), points_pos DECIMAL(18,2), points_neg DECIMAL(18,2), n_cash BIGINT, cash DECIMAL(18,2), points_cash DECIMAL(18,2)
-- grain: one row per (account_id, day, rule_id, event_type) with rows; rule_id '' when the row has none
--
-- ClickHouse 18.16 and current versions: the inner query aggregates on every shard (a Distributed table) under
-- names that cannot collide with columns (an alias equal to a column name would be substituted into the other
-- aggregates); the outer one only renames. Sums travel as text so no decimal passes through a JSON float.
-- day is the date of occurred_at in the column's time zone, the same wall clock the rows are read in.
SELECT a AS account_id, d AS day, r AS rule_id, e AS event_type, c AS n, p AS points, pp AS points_pos, pn AS points_neg,
       cc AS n_cash, cv AS cash, pc AS points_cash
FROM (
  SELECT account_id AS a, toDate(occurred_at) AS d, ifNull(rule_id, '') AS r, event_type AS e,
         count() AS c,
         toString(sum(points)) AS p,
         toString(sumIf(points, points > 0)) AS pp,
         toString(sumIf(points, points < 0)) AS pn,
         count(cash_value) AS cc,
         toString(sumIf(assumeNotNull(cash_value), isNotNull(cash_value))) AS cv,
         toString(sumIf(points, isNotNull(cash_value))) AS pc
  FROM {ledger}
  WHERE {where}
  GROUP BY a, d, r, e
)
