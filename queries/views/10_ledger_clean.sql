-- ledger_clean: the ledger as every metric reads it, with `attrs`, every attribute of the row as one map.
-- points stay DECIMAL(18,2): sums are exact (DuckDB sums decimals in 128-bit integers) and are cast to DOUBLE only
-- in each query's final SELECT. occurred_at is wall-clock time in the program time zone, so a period [from, to)
-- is compared with `$from::TIMESTAMP` directly. The importer has already validated types and signs, so nothing
-- is filtered here.
-- attrs is derived, not stored (schema.sql): department and region have their own columns, every other source
-- column is in the `extra` JSON. Building the map costs a little per row, so queries that only need one attribute
-- of many rows read the columns (see account_attributes); DuckDB computes attrs only when a query selects it.
CREATE VIEW ledger_clean AS
SELECT event_id, occurred_at, account_id, points, event_type, rule_id, experiment_id, variant, counterparty_id,
       approver_id, category, cash_value, reason, department, region, extra,
       map_concat(
         CASE WHEN department IS NULL THEN MAP {} ELSE MAP {'department': department} END,
         CASE WHEN region IS NULL THEN MAP {} ELSE MAP {'region': region} END,
         coalesce(CAST(extra AS MAP(VARCHAR, VARCHAR)), MAP {})
       ) AS attrs,
       import_id, source_line
FROM ledger;
