-- audit_rule_day_rows: the earn rows of one rule on one day, the evidence of a program spike
-- params: $day TIMESTAMP, $rule_id VARCHAR
-- returns: event_id VARCHAR, account_id VARCHAR, points DOUBLE
-- grain: one row per earn row of rule_id ('' = no rule) on the day starting at `day`, in time order
SELECT event_id, account_id, points::DOUBLE AS points
FROM ledger_clean
WHERE event_type = 'earn' AND coalesce(rule_id, '') = $rule_id
  AND occurred_at >= $day::TIMESTAMP AND occurred_at < $day::TIMESTAMP + INTERVAL 1 DAY
ORDER BY occurred_at, event_id
