-- quarantine_rows: the quarantined rows of one import in file order, with every reason and the raw values as read
-- params: $import_id INTEGER, $limit INTEGER
-- returns: import_id INTEGER, file_name VARCHAR, line DOUBLE, reasons VARCHAR[], raw VARCHAR
-- grain: one row per quarantined row, the first $limit by line; raw is the JSON object of the source values
SELECT r.import_id::INTEGER AS import_id, i.file_name, r.line::DOUBLE AS line, r.reasons, r.raw::VARCHAR AS raw
FROM rejects r
JOIN imports i USING (import_id)
WHERE r.import_id = $import_id
ORDER BY r.line
LIMIT $limit
