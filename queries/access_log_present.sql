-- access_log_present: whether the database holds the access_log table (only a server with --users makes it)
-- params: none
-- returns: n INTEGER
-- grain: one row
SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'access_log' AND NOT temporary;
