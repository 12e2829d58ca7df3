-- audit_off_hours_rows: one approver's approvals of one hour class in [from, to), the evidence of an off-hours flag
-- params: $approver_id VARCHAR, $from TIMESTAMP, $to TIMESTAMP, $start VARCHAR, $end VARCHAR, $days VARCHAR, $class VARCHAR
-- returns: event_id VARCHAR
-- grain: one row per approval of the class ('night' or 'rest_day', as defined in audit_off_hours.sql), in time order
WITH k AS (
  SELECT string_split($days, ',')::INTEGER[] AS days,
         split_part($start, ':', 1)::INTEGER * 60 + split_part($start, ':', 2)::INTEGER AS start_min,
         split_part($end, ':', 1)::INTEGER * 60 + split_part($end, ':', 2)::INTEGER AS end_min,
         coalesce(nullif(((end_min - start_min) % 1440 + 1440) % 1440, 0), 1440) AS span,
         greatest(start_min + span - 1440, 0) AS carry
),
a AS (
  SELECT l.event_id, l.occurred_at,
         ((hour(l.occurred_at) * 60 + minute(l.occurred_at) - k.start_min) % 1440 + 1440) % 1440 >= k.span AS night,
         NOT list_contains(k.days, isodow(l.occurred_at - to_minutes(k.carry))) AS rest
  FROM ledger_clean l, k
  WHERE l.approver_id = $approver_id AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
)
SELECT event_id FROM a
WHERE CASE $class WHEN 'night' THEN night ELSE rest AND NOT night END
ORDER BY occurred_at, event_id
