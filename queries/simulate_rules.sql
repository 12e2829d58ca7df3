-- simulate_rules: the rule ids a scenario may name: every rule of the rules table or seen on an earn row
-- params: none
-- returns: rule_id VARCHAR, name VARCHAR (nullable), earn_rows INTEGER
-- grain: one row per rule id, ascending by rule_id; name is null for a rule the rules table does not list
WITH used AS (
  SELECT rule_id, count(*) AS earn_rows
  FROM ledger_clean
  WHERE event_type = 'earn' AND rule_id IS NOT NULL AND rule_id <> ''
  GROUP BY rule_id
)
SELECT coalesce(c.rule_id, u.rule_id) AS rule_id, c.name, coalesce(u.earn_rows, 0)::INTEGER AS earn_rows
FROM rule_catalog c
FULL JOIN used u ON u.rule_id = c.rule_id
ORDER BY 1;
