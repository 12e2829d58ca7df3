-- audit_daily_series: points issued per day and rule
-- params: $since TIMESTAMP, $to TIMESTAMP
-- returns: day VARCHAR, rule_id VARCHAR, issued DOUBLE, rows INTEGER, experiment VARCHAR (nullable)
-- grain: one row per day and rule with earn rows in [since, to); earn rows without a rule fall under rule_id ''
-- The program's daily total is the sum over rules (src/audit/series.ts adds them up: one grouping instead of two).
-- Days without any earning are absent; series.ts fills them with 0, since a quiet day is an observation too.
-- experiment: an experiment_id the rule's rows that day carry (NULL when none): a planned change, not a rule spike.
SELECT strftime(date_trunc('day', occurred_at), '%Y-%m-%d') AS day, coalesce(rule_id, '') AS rule_id,
       sum(points)::DOUBLE AS issued, count(*)::INTEGER AS rows, max(nullif(experiment_id, '')) AS experiment
FROM ledger_clean
WHERE event_type = 'earn' AND occurred_at >= $since::TIMESTAMP AND occurred_at < $to::TIMESTAMP
GROUP BY date_trunc('day', occurred_at), coalesce(rule_id, '')
ORDER BY day, rule_id
