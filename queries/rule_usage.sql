-- rule_usage: per rule, how much it was used in the period; rules nobody used are listed too (set-and-forget)
-- params: $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: rule_id VARCHAR, name VARCHAR (nullable), tier VARCHAR (nullable), in_catalog BOOLEAN, rows INTEGER, accounts INTEGER, points DOUBLE, used BOOLEAN
-- grain: one row per rule of the rules table or rule_id seen in P's rows; most-used first, unused (rows = 0) last
--
-- rows, accounts (distinct) and points (signed Σ) count every row in P carrying the rule_id, whatever its type
-- (a rule_id may also name a reward item on redeem rows). in_catalog: the rules table lists the rule; a rule_id
-- seen in the ledger but missing from the table is shown with in_catalog = false.
-- One calendar month or quarter: rows and points from the scope's day × rule sums (ll_scoped_days, views/35:
-- rollup_day_rule unfiltered, else its values' rows of rollup_value_day_rule), distinct accounts as counted at import
-- time: unfiltered per rule (rollup_rule_accounts), within a scope as the sum over the scope's values' rows of
-- rollup_value_rule_quarter (each rule's accounts of a value per quarter and per month of it, counted from
-- rollup_account_rule_quarter; an account has one value per attribute, so no account counts twice). A distinct count
-- of the period's account × day cells cost 120–220 ms of CPU at 10 M rows, the scope's rows of
-- rollup_account_rule_quarter 29–39 ms (its whole quarter read to keep them). Otherwise, or where those are not kept
-- (ll_rule_accounts_kept, views/37), from rollup_account_day within the scope (ll_period_rule_use; rule_id '' stands
-- for none). Only one branch yields rows; the others are cut by their constant conditions.
WITH used AS (
  SELECT d.rule_id, d.rows, a.accounts, d.points
  FROM (
    SELECT rule_id, sum(n) AS rows, sum(points) AS points
    FROM ll_scoped_days($scope_attribute, $scope_value)
    WHERE rule_id <> '' AND day >= $from::DATE AND day < $to::DATE
    GROUP BY rule_id
  ) d
  JOIN (
    SELECT rule_id, accounts
    FROM rollup_rule_accounts
    WHERE $scope_attribute IS NULL AND period = $from::DATE
      AND months = CASE WHEN ll_one_month($from::DATE, $to::DATE) THEN 1 ELSE 3 END
    UNION ALL
    SELECT rule_id,
           sum(CASE WHEN ll_one_quarter($from::DATE, $to::DATE) THEN accounts
                    WHEN (month($from::DATE) - 1) % 3 = 0 THEN accounts_m1
                    WHEN (month($from::DATE) - 1) % 3 = 1 THEN accounts_m2
                    ELSE accounts_m3 END)::BIGINT AS accounts
    FROM rollup_value_rule_quarter
    WHERE $scope_attribute IS NOT NULL AND quarter = date_trunc('quarter', $from::DATE)::DATE
      AND attribute = $scope_attribute AND value IN (SELECT unnest([$scope_value], recursive := true))
    GROUP BY rule_id
  ) a ON a.rule_id = d.rule_id
  WHERE ll_rule_accounts_kept($from::DATE, $to::DATE, $scope_attribute)
  UNION ALL
  SELECT rule_id, rows, accounts, points
  FROM ll_period_rule_use($from::DATE, $to::DATE, $scope_attribute, $scope_value)
  WHERE NOT ll_rule_accounts_kept($from::DATE, $to::DATE, $scope_attribute)
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
