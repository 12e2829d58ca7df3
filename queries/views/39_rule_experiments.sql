-- ll_rule_experiments(since, to): per day and rule, an experiment_id that the rule's earn rows of the day carry
-- (program-wide), for the days in [since, to) on which any do. The one source of "this rule was under an experiment"
-- for the audit's daily series (audit_daily_series.sql) and the Health chart's (audit_daily_rules.sql), so both judge
-- a rule's drop during or after its experiment alike (src/audit/spike-days.ts). Program-wide even for a scoped chart:
-- an experiment changes the rule, not only the scope's share of it. A filter on one mostly empty column of the
-- ledger, not a grouping of every row.
CREATE OR REPLACE TEMP MACRO ll_rule_experiments(p_since, p_to) AS TABLE
SELECT date_trunc('day', occurred_at)::DATE AS day, coalesce(rule_id, '') AS rule_id, max(experiment_id) AS experiment
FROM ledger
WHERE event_type = 'earn' AND experiment_id IS NOT NULL AND experiment_id <> ''
  AND occurred_at >= p_since::TIMESTAMP AND occurred_at < p_to::TIMESTAMP
GROUP BY ALL;
