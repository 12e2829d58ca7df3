-- rule_usage: per rule, how much it was used in the period; rules nobody used are listed too (set-and-forget)
-- params: $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: rule_id VARCHAR, name VARCHAR (nullable), tier VARCHAR (nullable), in_catalog BOOLEAN, rows INTEGER, accounts INTEGER, points DOUBLE, used BOOLEAN
-- grain: one row per rule of the rules table or rule_id seen in P's rows; most-used first, unused (rows = 0) last
--
-- rows, accounts (distinct) and points (signed Σ) count every row in P carrying the rule_id, whatever its type
-- (a rule_id may also name a reward item on redeem rows). in_catalog: the rules table lists the rule; a rule_id
-- seen in the ledger but missing from the table is shown with in_catalog = false.
-- Unfiltered, one calendar month or quarter: rows and points from rollup_day_rule, distinct accounts as counted at
-- import time (rollup_rule_accounts). Otherwise from rollup_account_day within the scope (ll_period_rule_use,
-- views/37; rule_id '' stands for none): distinct accounts need the account grain. Only one branch yields rows; the
-- other is cut by its constant condition.
WITH used AS (
  SELECT d.rule_id, d.rows, a.accounts, d.points
  FROM (
    SELECT rule_id, sum(n) AS rows, sum(points) AS points
    FROM rollup_day_rule
    WHERE rule_id <> '' AND day >= $from::DATE AND day < $to::DATE
    GROUP BY rule_id
  ) d
  JOIN rollup_rule_accounts a ON a.rule_id = d.rule_id AND a.period = $from::DATE
    AND a.months = CASE WHEN ll_one_month($from::DATE, $to::DATE) THEN 1 ELSE 3 END
  WHERE ll_kept_rollups() AND $scope_attribute IS NULL
    AND (ll_one_month($from::DATE, $to::DATE) OR ll_one_quarter($from::DATE, $to::DATE))
  UNION ALL
  SELECT rule_id, rows, accounts, points
  FROM ll_period_rule_use($from::DATE, $to::DATE, $scope_attribute, $scope_value)
  WHERE NOT (ll_kept_rollups() AND $scope_attribute IS NULL
    AND (ll_one_month($from::DATE, $to::DATE) OR ll_one_quarter($from::DATE, $to::DATE)))
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
