-- import_history: every import, newest first, with the counts that must reconcile
-- params: none
-- returns: import_id INTEGER, kind VARCHAR, file_name VARCHAR, format VARCHAR, encoding VARCHAR, imported_at VARCHAR, rows_read INTEGER, accepted INTEGER, quarantined INTEGER, duplicates INTEGER
-- grain: one row per import (rows_read = accepted + quarantined + duplicates for each)
SELECT import_id::INTEGER AS import_id, kind, file_name, format, encoding,
       strftime(imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at,
       rows_read::INTEGER AS rows_read, accepted::INTEGER AS accepted,
       quarantined::INTEGER AS quarantined, duplicates::INTEGER AS duplicates
FROM imports
ORDER BY import_id DESC;
