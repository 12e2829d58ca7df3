-- account_latest (ClickHouse): each account's latest row of the remote ledger, with its attributes, as reductions/account_latest.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: account_id VARCHAR, last_at TIMESTAMP, last_event_id VARCHAR, department VARCHAR, region VARCHAR, extra VARCHAR
-- grain: one row per account with rows
--
-- Latest = max occurred_at, ties broken by the largest event_id. The latest row's attribute is kept even when NULL,
-- as DuckDB's arg_max_null does: argMax skips rows whose argument is NULL, so the value travels as a non-Nullable
-- pair (is it NULL, the value or '') and is turned back into NULL after. Not tuple(department): 18.16's shards crash
-- sending that state (Tuple of a Nullable) when every value is NULL, a ledger without departments.
-- A ClickHouse table has no `extra` column.
SELECT a AS account_id, t AS last_at, le AS last_event_id,
       if(dp.1, NULL, dp.2) AS department, if(rg.1, NULL, rg.2) AS region, CAST(NULL AS Nullable(String)) AS extra
FROM (
  SELECT account_id AS a,
         toString(max(occurred_at)) AS t,
         argMax(event_id, (occurred_at, event_id)) AS le,
         argMax((isNull(department), ifNull(department, '')), (occurred_at, event_id)) AS dp,
         argMax((isNull(region), ifNull(region, '')), (occurred_at, event_id)) AS rg
  FROM {ledger}
  GROUP BY a
)
