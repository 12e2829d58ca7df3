-- import_files: the kind and sha256 of every imported file, oldest first, to tell whether a database was built from given files
-- params: none
-- returns: kind VARCHAR, sha256 VARCHAR
-- grain: one row per import, by import_id
SELECT kind, sha256
FROM imports
ORDER BY import_id
