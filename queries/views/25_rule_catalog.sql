-- rule_catalog: one row per rule of the rules table, tier normalised to lower case; a rule's latest import wins.
CREATE VIEW rule_catalog AS
SELECT rule_id, name, nullif(lower(trim(tier)), '') AS tier, points, daily_cap
FROM rules
QUALIFY row_number() OVER (PARTITION BY rule_id ORDER BY import_id DESC) = 1;
