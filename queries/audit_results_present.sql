-- audit_results_present: whether the database holds the audit_results table (a file opened read-only may predate it)
-- params: none
-- returns: n INTEGER
-- grain: one row
SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'audit_results' AND NOT temporary;
