-- audit_off_hours_rows: one approver's approvals outside work hours in [from, to), the evidence of an off-hours flag
-- params: $approver_id VARCHAR, $from TIMESTAMP, $to TIMESTAMP, $start VARCHAR, $end VARCHAR, $days VARCHAR
-- returns: event_id VARCHAR
-- grain: one row per off-hours approval (as defined in audit_off_hours.sql), in time order
WITH k AS (
  SELECT string_split($days, ',')::INTEGER[] AS days,
         split_part($start, ':', 1)::INTEGER * 60 + split_part($start, ':', 2)::INTEGER AS start_min,
         split_part($end, ':', 1)::INTEGER * 60 + split_part($end, ':', 2)::INTEGER AS end_min
)
SELECT l.event_id
FROM ledger_clean l, k
WHERE l.approver_id = $approver_id AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  AND NOT (list_contains(k.days, isodow(l.occurred_at))
           AND hour(l.occurred_at) * 60 + minute(l.occurred_at) >= k.start_min
           AND hour(l.occurred_at) * 60 + minute(l.occurred_at) < k.end_min)
ORDER BY l.occurred_at, l.event_id
