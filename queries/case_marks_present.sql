-- case_marks_present: whether the database holds the flag_marks table (a file opened read-only may predate it)
-- params: none
-- returns: n INTEGER
-- grain: one row
SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'flag_marks' AND NOT temporary;
