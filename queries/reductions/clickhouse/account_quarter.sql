-- account_quarter (ClickHouse): the remote ledger reduced to account × quarter, as reductions/account_quarter.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: account_id VARCHAR, quarter DATE, n BIGINT, n_active BIGINT, n_earn BIGINT, earned DECIMAL(18,2)
-- grain: one row per (account_id, calendar quarter of occurred_at) with rows
--
-- From the rows on the shards, with the names and text sums of account_month.sql. quarter is the first day of the
-- quarter of occurred_at in the column's time zone.
SELECT a AS account_id, q AS quarter, c AS n, ca AS n_active, ce AS n_earn, pe AS earned
FROM (
  SELECT account_id AS a, toStartOfQuarter(occurred_at) AS q,
         count() AS c,
         countIf(event_type != 'expire') AS ca,
         countIf(event_type = 'earn') AS ce,
         toString(sumIf(points, event_type = 'earn')) AS pe
  FROM {ledger}
  GROUP BY a, q
)
