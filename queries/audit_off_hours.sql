-- audit_off_hours: approvals per approver and hour class (night, rest day), month by month and over the whole period
-- params: $from TIMESTAMP, $to TIMESTAMP, $start VARCHAR, $end VARCHAR, $days VARCHAR
-- returns: approver_id VARCHAR, department VARCHAR, month VARCHAR, approved INTEGER, night INTEGER, rest_day INTEGER, first_night VARCHAR, last_night VARCHAR, first_rest VARCHAR, last_rest VARCHAR
-- grain: one row per approver and calendar month of [from, to) with approvals, plus one row per approver with month '' (the whole period)
-- Approved rows: every row with an approver_id (its occurred_at is the approval time). Night: a time outside
-- [start, end) on any day. Rest day: a day not in `days` (ISO weekdays, '1,2,3,4,5' = Mon–Fri), in working hours.
-- The two classes are judged apart (src/audit/checks/off-hours.ts): weekend work is common in some programs and says
-- nothing about night signing. department is the approver's peer group: the department most of their rows belong
-- to (the ledger column; a manager approves their own team). The program's and the peers' totals are sums of these
-- rows, so one scan serves the approver, the peers and the program.
WITH k AS (
  SELECT string_split($days, ',')::INTEGER[] AS days,
         split_part($start, ':', 1)::INTEGER * 60 + split_part($start, ':', 2)::INTEGER AS start_min,
         split_part($end, ':', 1)::INTEGER * 60 + split_part($end, ':', 2)::INTEGER AS end_min
),
a AS (
  SELECT l.approver_id, coalesce(l.department, '') AS department, strftime(l.occurred_at, '%Y-%m') AS month, l.occurred_at,
         NOT (hour(l.occurred_at) * 60 + minute(l.occurred_at) >= k.start_min
              AND hour(l.occurred_at) * 60 + minute(l.occurred_at) < k.end_min) AS night,
         NOT list_contains(k.days, isodow(l.occurred_at)) AS rest
  FROM ledger_clean l, k
  WHERE l.approver_id IS NOT NULL AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
),
dept AS (SELECT approver_id, mode(department) AS department FROM a GROUP BY approver_id)
SELECT a.approver_id, d.department, coalesce(a.month, '') AS month, count(*)::INTEGER AS approved,
       count(*) FILTER (WHERE night)::INTEGER AS night, count(*) FILTER (WHERE rest AND NOT night)::INTEGER AS rest_day,
       strftime(min(occurred_at) FILTER (WHERE night), '%Y-%m-%d') AS first_night,
       strftime(max(occurred_at) FILTER (WHERE night), '%Y-%m-%d') AS last_night,
       strftime(min(occurred_at) FILTER (WHERE rest AND NOT night), '%Y-%m-%d') AS first_rest,
       strftime(max(occurred_at) FILTER (WHERE rest AND NOT night), '%Y-%m-%d') AS last_rest
FROM a JOIN dept d USING (approver_id)
GROUP BY GROUPING SETS ((a.approver_id, d.department, a.month), (a.approver_id, d.department))
ORDER BY a.approver_id, month
