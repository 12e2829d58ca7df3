-- account_latest (ClickHouse): each account's latest row of the remote ledger, with its attributes, as reductions/account_latest.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: account_id VARCHAR, last_at TIMESTAMP, last_event_id VARCHAR, department VARCHAR, region VARCHAR, extra VARCHAR
-- grain: one row per account with rows
--
-- Latest = max occurred_at, ties broken by the largest event_id. The latest row's attribute is kept even when NULL,
-- as DuckDB's arg_max_null does: argMax skips rows whose argument is NULL, so the value travels inside a one-element
-- tuple (never NULL itself) and is taken out after. A ClickHouse table has no `extra` column.
SELECT a AS account_id, t AS last_at, le AS last_event_id, dp AS department, rg AS region, CAST(NULL AS Nullable(String)) AS extra
FROM (
  SELECT account_id AS a,
         toString(max(occurred_at)) AS t,
         argMax(event_id, (occurred_at, event_id)) AS le,
         argMax(tuple(department), (occurred_at, event_id)).1 AS dp,
         argMax(tuple(region), (occurred_at, event_id)).1 AS rg
  FROM {ledger}
  GROUP BY a
)
