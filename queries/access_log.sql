-- access_log: the latest $latest requests of the access log (serve --users), newest first
-- params: $latest INTEGER
-- returns: at VARCHAR, user_name VARCHAR, role VARCHAR, method VARCHAR, route VARCHAR, query VARCHAR, scope VARCHAR (nullable), status INTEGER, export_file VARCHAR (nullable), export_rows INTEGER (nullable)
-- grain: one row per request; ties of the same instant by the order they were written
SELECT strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%g') AS at, user_name, role, method, route, query, scope,
       status, export_file, export_rows
FROM access_log
ORDER BY logged_at DESC, rowid DESC
LIMIT $latest
