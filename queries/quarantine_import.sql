-- quarantine_import: the import whose quarantine is asked for (given, else the latest), whether it exists, and how many rows it quarantined
-- params: $import_id INTEGER (nullable)
-- returns: import_id INTEGER (nullable), found INTEGER, total DOUBLE
-- grain: one row; import_id is NULL when nothing was imported and none was asked for
WITH pick AS (SELECT coalesce($import_id, (SELECT max(import_id) FROM imports))::INTEGER AS id)
SELECT id AS import_id,
       (SELECT count(*) FROM imports WHERE import_id = pick.id)::INTEGER AS found,
       (SELECT count(*) FROM rejects WHERE import_id = pick.id)::DOUBLE AS total
FROM pick
