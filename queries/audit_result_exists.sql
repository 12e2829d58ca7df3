-- audit_result_exists: whether the audit of a period computed with these settings from this data is stored (without reading it)
-- params: $period_from VARCHAR, $period_to VARCHAR, $settings_hash VARCHAR, $data_version VARCHAR
-- returns: n INTEGER
-- grain: one row; n is 0 or 1
SELECT count(*)::INTEGER AS n
FROM audit_results
WHERE period_from = $period_from::DATE AND period_to = $period_to::DATE
  AND settings_hash = $settings_hash AND data_version = $data_version;
