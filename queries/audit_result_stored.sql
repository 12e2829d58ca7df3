-- audit_result_stored: the stored audit of a period, only if it was computed with these settings from this data
-- params: $period_from VARCHAR, $period_to VARCHAR, $settings_hash VARCHAR, $data_version VARCHAR
-- returns: result VARCHAR
-- grain: zero or one row
SELECT result::VARCHAR AS result
FROM audit_results
WHERE period_from = $period_from::DATE AND period_to = $period_to::DATE
  AND settings_hash = $settings_hash AND data_version = $data_version;
