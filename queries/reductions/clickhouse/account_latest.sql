-- account_latest (ClickHouse): each account's latest row of the remote ledger, with its attributes, as reductions/account_latest.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: account_id VARCHAR, last_at TIMESTAMP, last_event_id VARCHAR, department VARCHAR, region VARCHAR, extra VARCHAR
-- grain: one row per account with rows
--
-- Latest = max occurred_at, ties broken by the largest event_id. argMax skips NULL values as DuckDB's arg_max does,
-- so department and region are the latest non-empty ones in both engines. A ClickHouse table has no `extra` column.
SELECT a AS account_id, t AS last_at, le AS last_event_id, dp AS department, rg AS region, CAST(NULL AS Nullable(String)) AS extra
FROM (
  SELECT account_id AS a,
         toString(max(occurred_at)) AS t,
         argMax(event_id, (occurred_at, event_id)) AS le,
         argMax(department, (occurred_at, event_id)) AS dp,
         argMax(region, (occurred_at, event_id)) AS rg
  FROM {ledger}
  GROUP BY a
)
