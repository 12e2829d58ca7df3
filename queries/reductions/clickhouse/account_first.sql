-- account_first (ClickHouse): each account's first month with a row other than expire, as reductions/account_first.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: account_id VARCHAR, first_month DATE
-- grain: one row per account with a row other than expire
SELECT a AS account_id, f AS first_month
FROM (
  SELECT account_id AS a, toStartOfMonth(min(occurred_at)) AS f
  FROM {ledger}
  WHERE event_type != 'expire'
  GROUP BY a
)
