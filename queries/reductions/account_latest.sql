-- account_latest: each account's latest row among the rows of one import (or all rows), with its attributes
-- params: $import_id INTEGER (nullable)
-- returns: account_id VARCHAR, last_at TIMESTAMP, last_event_id VARCHAR, department VARCHAR, region VARCHAR, extra VARCHAR
-- grain: one row per account with rows; extra is the JSON text of the row's other source columns (stored as JSON)
--
-- Latest = max occurred_at, ties broken by the largest event_id (event_ids are unique, so this is one row). Merged
-- into account_latest by keeping, per account, the later of the stored and the new row (src/db/rollups.ts).
-- arg_max over a (occurred_at, event_id) struct picks the whole row in one pass.
SELECT account_id,
       max(occurred_at) AS last_at,
       arg_max(event_id, (occurred_at, event_id)) AS last_event_id,
       arg_max(department, (occurred_at, event_id)) AS department,
       arg_max(region, (occurred_at, event_id)) AS region,
       arg_max(extra, (occurred_at, event_id)) AS extra
FROM ledger
WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER
GROUP BY account_id
