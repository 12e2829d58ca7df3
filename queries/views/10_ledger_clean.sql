-- ledger_clean: the ledger as every metric reads it.
-- points stay DECIMAL(18,2): sums are exact (DuckDB sums decimals in 128-bit integers) and are cast to DOUBLE only
-- in each query's final SELECT. occurred_at is wall-clock time in the program time zone, so a period [from, to)
-- is compared with `$from::TIMESTAMP` directly. The importer has already validated types and signs, so nothing
-- is filtered here; the view keeps metric SQL independent of the storage columns that only imports need.
CREATE VIEW ledger_clean AS
SELECT event_id, occurred_at, account_id, points, event_type, rule_id, cash_value, attrs
FROM ledger;
