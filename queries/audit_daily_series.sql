-- audit_daily_series: points issued per day and rule
-- params: $since TIMESTAMP, $to TIMESTAMP, $kept BOOLEAN
-- returns: day VARCHAR, rule_id VARCHAR, issued DOUBLE, rows INTEGER, experiment VARCHAR (nullable)
-- grain: one row per day and rule with earn rows in [since, to); earn rows without a rule fall under rule_id ''
-- The program's daily total is the sum over rules (src/audit/series.ts adds them up: one grouping instead of two).
-- Days without any earning are absent; series.ts fills them with 0, since a quiet day is an observation too.
-- experiment: an experiment_id the rule's rows that day carry (NULL when none): a planned change, not a rule spike.
-- With $kept (the import-time rollups are current) the sums are rollup_day_rule's earn cells (same grain, exact
-- decimal sums); the rollups carry no experiment_id, so it is read from the few rows that have one
-- (views/39_rule_experiments.sql, which the Health chart's audit_daily_rules.sql reads too).
WITH tagged AS (
  SELECT * FROM ll_rule_experiments($since, $to) WHERE $kept
),
kept AS (
  SELECT strftime(r.day, '%Y-%m-%d') AS day, r.rule_id, r.points::DOUBLE AS issued, r.n::INTEGER AS rows, t.experiment
  FROM rollup_day_rule r LEFT JOIN tagged t USING (day, rule_id)
  WHERE $kept AND r.event_type = 'earn' AND r.day >= $since::TIMESTAMP::DATE AND r.day < $to::TIMESTAMP::DATE
),
raw AS (
  SELECT strftime(date_trunc('day', occurred_at), '%Y-%m-%d') AS day, coalesce(rule_id, '') AS rule_id,
         sum(points)::DOUBLE AS issued, count(*)::INTEGER AS rows, max(nullif(experiment_id, '')) AS experiment
  FROM ledger_clean
  WHERE NOT $kept AND event_type = 'earn' AND occurred_at >= $since::TIMESTAMP AND occurred_at < $to::TIMESTAMP
  GROUP BY date_trunc('day', occurred_at), coalesce(rule_id, '')
)
SELECT * FROM kept
UNION ALL
SELECT * FROM raw
ORDER BY day, rule_id
