-- program_config: the program settings the last import stored (program.json, validated), as JSON text
-- params: none
-- returns: config VARCHAR
-- grain: zero rows before any settings were imported, else one row
SELECT config::VARCHAR AS config
FROM program
WHERE id = 1
