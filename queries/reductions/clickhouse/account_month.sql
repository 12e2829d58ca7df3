-- account_month (ClickHouse): the remote ledger reduced to account × month, one column per flow, as reductions/account_month.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: account_id VARCHAR, month DATE, n BIGINT, n_active BIGINT, n_earn BIGINT, points DECIMAL(18,2), earned DECIMAL(18,2), deducted DECIMAL(18,2), redeemed DECIMAL(18,2), expired DECIMAL(18,2), adjusted_pos DECIMAL(18,2), adjusted_neg DECIMAL(18,2), transferred_pos DECIMAL(18,2)
-- grain: one row per (account_id, month of occurred_at) with rows
--
-- Aggregated on every shard under names that cannot collide with columns (see account_day.sql); sums travel as
-- text. month is the first day of the month of occurred_at in the column's time zone.
SELECT a AS account_id, m AS month, c AS n, ca AS n_active, ce AS n_earn, p AS points, pe AS earned, pd AS deducted,
       pr AS redeemed, px AS expired, pap AS adjusted_pos, pan AS adjusted_neg, ptp AS transferred_pos
FROM (
  SELECT account_id AS a, toStartOfMonth(occurred_at) AS m,
         count() AS c,
         countIf(event_type != 'expire') AS ca,
         countIf(event_type = 'earn') AS ce,
         toString(sum(points)) AS p,
         toString(sumIf(points, event_type = 'earn')) AS pe,
         toString(sumIf(points, event_type = 'deduct')) AS pd,
         toString(sumIf(points, event_type = 'redeem')) AS pr,
         toString(sumIf(points, event_type = 'expire')) AS px,
         toString(sumIf(points, event_type = 'adjust' AND points > 0)) AS pap,
         toString(sumIf(points, event_type = 'adjust' AND points < 0)) AS pan,
         toString(sumIf(points, event_type = 'transfer' AND points > 0)) AS ptp
  FROM {ledger}
  GROUP BY a, m
)
