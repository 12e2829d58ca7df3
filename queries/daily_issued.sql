-- daily_issued: points issued per day within the scope (no page reads it since the Health chart moved to audit_daily_rules; the equality tests hold it to the audit's raw per-rule sums)
-- params: $since DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: day VARCHAR, issued DOUBLE
-- grain: one row per day with earn rows in [since, to), ascending; days without earning are absent (the caller fills 0)
--
-- issued = Σ earn points of the day (as in flows), from the day × rule × type sums of the scope (ll_scoped_days:
-- rollup_day_rule when unfiltered). The audit's program spike reads the same sums per rule (audit_daily_series).
SELECT strftime(day, '%Y-%m-%d') AS day, sum(points)::DOUBLE AS issued
FROM ll_scoped_days($scope_attribute, $scope_value)
WHERE event_type = 'earn' AND day >= $since::DATE AND day < $to::DATE
GROUP BY day
ORDER BY day
