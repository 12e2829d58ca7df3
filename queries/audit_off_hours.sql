-- audit_off_hours: approvals per approver and hour class (night, rest day), month by month and over the whole period
-- params: $from TIMESTAMP, $to TIMESTAMP, $start VARCHAR, $end VARCHAR, $days VARCHAR, $kept BOOLEAN
-- returns: approver_id VARCHAR, department VARCHAR, month VARCHAR, approved INTEGER, night INTEGER, rest_day INTEGER, first_night VARCHAR (nullable), last_night VARCHAR (nullable), first_rest VARCHAR (nullable), last_rest VARCHAR (nullable)
-- grain: one row per approver and calendar month of [from, to) with approvals, plus one row per approver with month '' (the whole period)
-- Approved rows: every row with an approver_id (its occurred_at is the approval time). Night: a time outside
-- [start, end) on any day. Rest day: a day not in `days` (ISO weekdays, '1,2,3,4,5' = Mon–Fri), in working hours.
-- The two classes are judged apart (src/audit/checks/off-hours.ts): weekend work is common in some programs and says
-- nothing about night signing. department is the approver's peer group: the department most of their rows belong
-- to (the ledger column; a manager approves their own team). The program's and the peers' totals are sums of these
-- rows, so one pass serves the approver, the peers and the program. Rows are first reduced per approver, month and
-- class (integers and dates only); strings are formatted on the few reduced rows.
-- With $kept (rollups current, start and end whole hours) the classes are read from rollup_approver_hour (an hour
-- is wholly night or not, a day wholly rest or not); only the department, which no rollup holds, reads two
-- columns of the rows.
WITH k AS (
  SELECT string_split($days, ',')::INTEGER[] AS days,
         split_part($start, ':', 1)::INTEGER * 60 + split_part($start, ':', 2)::INTEGER AS start_min,
         split_part($end, ':', 1)::INTEGER * 60 + split_part($end, ':', 2)::INTEGER AS end_min
),
cells AS (
  SELECT a.approver_id, a.day, a.hour::INTEGER * 60 AS minute_of_day, a.n
  FROM rollup_approver_hour a
  WHERE $kept AND a.day >= $from::TIMESTAMP::DATE AND a.day < $to::TIMESTAMP::DATE
  UNION ALL
  SELECT approver_id, occurred_at::DATE, hour(occurred_at) * 60 + minute(occurred_at), 1
  FROM ledger_clean
  WHERE NOT $kept AND approver_id IS NOT NULL AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
r AS (
  SELECT c.approver_id, date_trunc('month', c.day) AS month,
         CASE WHEN c.minute_of_day NOT BETWEEN k.start_min AND k.end_min - 1 THEN 'night'
              WHEN NOT list_contains(k.days, isodow(c.day)) THEN 'rest' ELSE 'work' END AS class,
         sum(c.n) AS n, min(c.day) AS first_day, max(c.day) AS last_day
  FROM cells c, k
  GROUP BY ALL
),
dept AS (
  SELECT approver_id, arg_max(department, n) AS department
  FROM (
    SELECT approver_id, coalesce(department, '') AS department, count(*) AS n
    FROM ledger
    WHERE approver_id IS NOT NULL AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
    GROUP BY ALL
  )
  GROUP BY approver_id
)
SELECT r.approver_id, d.department, coalesce(strftime(r.month, '%Y-%m'), '') AS month, sum(n)::INTEGER AS approved,
       coalesce(sum(n) FILTER (WHERE class = 'night'), 0)::INTEGER AS night,
       coalesce(sum(n) FILTER (WHERE class = 'rest'), 0)::INTEGER AS rest_day,
       strftime(min(first_day) FILTER (WHERE class = 'night'), '%Y-%m-%d') AS first_night,
       strftime(max(last_day) FILTER (WHERE class = 'night'), '%Y-%m-%d') AS last_night,
       strftime(min(first_day) FILTER (WHERE class = 'rest'), '%Y-%m-%d') AS first_rest,
       strftime(max(last_day) FILTER (WHERE class = 'rest'), '%Y-%m-%d') AS last_rest
FROM r JOIN dept d USING (approver_id)
GROUP BY GROUPING SETS ((r.approver_id, d.department, r.month), (r.approver_id, d.department))
ORDER BY r.approver_id, month
