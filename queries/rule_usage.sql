-- rule_usage: per rule, how much it was used in the period; rules nobody used are listed too (set-and-forget)
-- params: $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: rule_id VARCHAR, name VARCHAR (nullable), tier VARCHAR (nullable), in_catalog BOOLEAN, rows INTEGER, accounts INTEGER, points DOUBLE, used BOOLEAN
-- grain: one row per rule of the rules table or rule_id seen in P's rows; most-used first, unused (rows = 0) last
--
-- rows, accounts (distinct) and points (signed Σ) count every row in P carrying the rule_id, whatever its type
-- (a rule_id may also name a reward item on redeem rows). in_catalog: the rules table lists the rule; a rule_id
-- seen in the ledger but missing from the table is shown with in_catalog = false.
-- From rollup_account_day within the scope (rule_id '' stands for none); distinct accounts need the account grain.
WITH used AS (
  SELECT rule_id, sum(n) AS rows, count(DISTINCT account_id) AS accounts, sum(points) AS points
  FROM rollup_account_day
  WHERE rule_id <> '' AND day >= $from::DATE AND day < $to::DATE AND ll_in_scope(account_id, $scope_attribute, $scope_value)
  GROUP BY rule_id
)
SELECT coalesce(c.rule_id, u.rule_id) AS rule_id,
       c.name,
       c.tier,
       c.rule_id IS NOT NULL AS in_catalog,
       coalesce(u.rows, 0)::INTEGER AS rows,
       coalesce(u.accounts, 0)::INTEGER AS accounts,
       coalesce(u.points, 0)::DOUBLE AS points,
       u.rule_id IS NOT NULL AS used
FROM rule_catalog c
FULL JOIN used u ON u.rule_id = c.rule_id
ORDER BY rows DESC, rule_id;
