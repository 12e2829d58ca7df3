-- audit_off_hours: approvals outside work hours per approver and month, with the approver's habit before
-- params: $from TIMESTAMP, $to TIMESTAMP, $habit_from TIMESTAMP, $start VARCHAR, $end VARCHAR, $days VARCHAR
-- returns: approver_id VARCHAR, month VARCHAR, approved INTEGER, off_hours INTEGER, habit_approved INTEGER, habit_off_hours INTEGER, program_approved INTEGER, program_off_hours INTEGER, first_day VARCHAR, last_day VARCHAR
-- grain: one row per approver and calendar month of [from, to) with at least one off-hours approval
-- The evidence rows of a flagged (approver, month) come from audit_off_hours_rows.sql: listing them for every
-- approver would cost more than the counting.
-- Approved rows: every row with an approver_id (its occurred_at is the approval time). Off hours: a day not in
-- `days` (ISO weekdays, '1,2,3,4,5' = Mon–Fri) or a time outside [start, end). The habit is the approver's own
-- rows in the months that start within (from − habit_from) days before the month; the program share is the month's
-- rows of every approver. habit_from = from − habit_days.
WITH k AS (
  SELECT string_split($days, ',')::INTEGER[] AS days,
         split_part($start, ':', 1)::INTEGER * 60 + split_part($start, ':', 2)::INTEGER AS start_min,
         split_part($end, ':', 1)::INTEGER * 60 + split_part($end, ':', 2)::INTEGER AS end_min
),
a AS (
  SELECT l.event_id, l.occurred_at, l.approver_id, date_trunc('month', l.occurred_at) AS month,
         NOT (list_contains(k.days, isodow(l.occurred_at))
              AND hour(l.occurred_at) * 60 + minute(l.occurred_at) >= k.start_min
              AND hour(l.occurred_at) * 60 + minute(l.occurred_at) < k.end_min) AS off
  FROM ledger_clean l, k
  WHERE l.approver_id IS NOT NULL AND l.occurred_at >= $habit_from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
),
mon AS (
  SELECT approver_id, month, count(*) AS approved, count(*) FILTER (WHERE off) AS off_hours,
         strftime(min(occurred_at) FILTER (WHERE off), '%Y-%m-%d') AS first_day,
         strftime(max(occurred_at) FILTER (WHERE off), '%Y-%m-%d') AS last_day
  FROM a GROUP BY ALL
),
per AS (SELECT * FROM mon WHERE month >= date_trunc('month', $from::TIMESTAMP) AND off_hours > 0),
prog AS (SELECT month, sum(approved) AS approved, sum(off_hours) AS off_hours FROM mon GROUP BY month),
habit AS (
  SELECT p.approver_id, p.month, sum(h.approved) AS approved, sum(h.off_hours) AS off_hours
  FROM per p JOIN mon h ON h.approver_id = p.approver_id AND h.month < p.month
   AND h.month >= p.month - to_days(datediff('day', $habit_from::TIMESTAMP, $from::TIMESTAMP)::INTEGER)
  GROUP BY ALL
)
SELECT p.approver_id, strftime(p.month, '%Y-%m') AS month, p.approved::INTEGER AS approved, p.off_hours::INTEGER AS off_hours,
       coalesce(h.approved, 0)::INTEGER AS habit_approved, coalesce(h.off_hours, 0)::INTEGER AS habit_off_hours,
       g.approved::INTEGER AS program_approved, g.off_hours::INTEGER AS program_off_hours,
       p.first_day, p.last_day
FROM per p JOIN prog g USING (month) LEFT JOIN habit h USING (approver_id, month)
ORDER BY p.approver_id, month
