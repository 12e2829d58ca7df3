-- account_latest: each account's latest row among the rows of one import (or all rows), with its attributes
-- params: $import_id INTEGER (nullable)
-- returns: account_id VARCHAR, last_at TIMESTAMP, last_event_id VARCHAR, department VARCHAR, region VARCHAR, extra VARCHAR (nullable)
-- grain: one row per account with rows; extra is the JSON text of the row's other source columns (stored as JSON)
--
-- Latest = max occurred_at, ties broken by the largest event_id (event_ids are unique, so this is one row). Merged
-- into account_latest by keeping, per account, the later of the stored and the new row (src/db/rollup-merge.ts).
-- Found by max(occurred_at) per account and a join back to the rows at that instant (a time-ordered ledger makes
-- that join cheap); among ties the largest event_id wins, through arg_max_null so that a NULL attribute of the
-- latest row stays NULL (plain arg_max skips NULLs and would take an older row's value). Cheaper at 10M rows than
-- one arg_max over an (occurred_at, event_id) key, which copies the text of every newer row it meets. `rows` is read
-- twice; NOT MATERIALIZED keeps DuckDB from first copying every row into a temporary result (a third of the cost).
WITH rows AS NOT MATERIALIZED (
  SELECT * FROM ledger WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER
),
latest AS (
  SELECT account_id, max(occurred_at) AS last_at FROM rows GROUP BY account_id
)
SELECT r.account_id,
       m.last_at,
       max(r.event_id) AS last_event_id,
       arg_max_null(r.department, r.event_id) AS department,
       arg_max_null(r.region, r.event_id) AS region,
       arg_max_null(r.extra, r.event_id) AS extra
FROM rows r
JOIN latest m ON r.account_id = m.account_id AND r.occurred_at = m.last_at
GROUP BY r.account_id, m.last_at
