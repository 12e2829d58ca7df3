-- audit_daily_rules: points and awards issued per day and rule within a scope, for the Health page's daily chart
-- params: $since DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: day VARCHAR, rule_id VARCHAR, issued DOUBLE, rows INTEGER, experiment VARCHAR (nullable)
-- grain: one row per day and rule with earn rows in [since, to); rule_id '' = no rule; days without earning are absent
-- The same sums as audit_daily_series.sql, read from the day × rule × type rollup of the scope (ll_scoped_days), so
-- the chart judges program and rule spikes with the audit's own code (src/audit/spike-days.ts) without reading the
-- ledger's every row. The rollups carry no experiment_id: it comes from the rows that have one
-- (views/39_rule_experiments.sql, program-wide), as the audit's series reads it, so a rule that stops paying during
-- or after its experiment is expected on the chart as in `ledger-lens audit`.
WITH sums AS (
  SELECT day, rule_id, sum(points)::DOUBLE AS issued, sum(n)::INTEGER AS rows
  FROM ll_scoped_days($scope_attribute, $scope_value)
  WHERE event_type = 'earn' AND day >= $since::DATE AND day < $to::DATE
  GROUP BY day, rule_id
)
SELECT strftime(s.day, '%Y-%m-%d') AS day, s.rule_id, s.issued, s.rows, t.experiment
FROM sums s LEFT JOIN ll_rule_experiments($since, $to) t USING (day, rule_id)
ORDER BY s.day, s.rule_id
