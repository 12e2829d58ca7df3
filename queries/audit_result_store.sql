-- audit_result_store: keeps the audit of a period, replacing the period's older one (other settings or data)
-- params: $period_from VARCHAR, $period_to VARCHAR, $settings_hash VARCHAR, $data_version VARCHAR, $result VARCHAR
-- returns: period_from VARCHAR, period_to VARCHAR
-- grain: the one row written
INSERT OR REPLACE INTO audit_results
VALUES ($period_from::DATE, $period_to::DATE, $settings_hash, $data_version, $result::JSON)
RETURNING period_from::VARCHAR AS period_from, period_to::VARCHAR AS period_to;
