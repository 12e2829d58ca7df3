-- access_log_add: appends one request to the access log (serve --users); the table is made by src/db/access-log.ts
-- params: $logged_at VARCHAR, $user_name VARCHAR, $role VARCHAR, $method VARCHAR, $route VARCHAR, $query VARCHAR, $scope VARCHAR (nullable), $status INTEGER, $export_file VARCHAR (nullable), $export_rows INTEGER (nullable)
-- returns: user_name VARCHAR, route VARCHAR
-- grain: the one row written
INSERT INTO access_log
VALUES ($logged_at::TIMESTAMP, $user_name, $role, $method, $route, $query, $scope::VARCHAR, $status, $export_file::VARCHAR, $export_rows::INTEGER)
RETURNING user_name, route
