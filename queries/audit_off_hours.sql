-- audit_off_hours: approvals per approver and hour class (night, rest day), month by month and over the whole period
-- params: $from TIMESTAMP, $to TIMESTAMP, $start VARCHAR, $end VARCHAR, $days VARCHAR, $kept BOOLEAN
-- returns: approver_id VARCHAR, department VARCHAR, role VARCHAR, month VARCHAR, approved INTEGER, night INTEGER, rest_day INTEGER, first_night VARCHAR (nullable), last_night VARCHAR (nullable), first_rest VARCHAR (nullable), last_rest VARCHAR (nullable)
-- grain: one row per approver and calendar month of [from, to) with approvals, plus one row per approver with month '' (the whole period)
-- Approved rows: every row with an approver_id (its occurred_at is the approval time). Night: a time outside
-- [start, end) on any day (wrapping past midnight when end <= start). Rest day: a shift starting on a day not in
-- `days` (ISO weekdays, '1,2,3,4,5' = Mon–Fri), in working hours.
-- The two classes are judged apart (src/audit/checks/off-hours.ts): weekend work is common in some programs and says
-- nothing about night signing. department is the approver's peer group: the department most of their rows belong
-- to (the ledger column; a manager approves their own team), a tie going to the first name (arg_max kept whichever
-- tied row the parallel aggregation met first, so the next run could judge an approver against other peers). The
-- program's and the peers' totals are sums of these rows, so one pass serves the approver, the peers and the
-- program. role is the approver's role in the roster ('' when the roster names none): peers are taken by role
-- where there is one (off-hours.ts says how). Rows are first reduced per approver, department, month and class (r: integers and timestamps only);
-- strings are formatted on the few reduced rows.
-- With $kept (rollups current, start and end whole hours) r is read from rollup_approver_hour (an hour is wholly
-- night or not, a day wholly rest or not), each approver's counts under their main department, which no rollup
-- holds: that reads two columns of the rows. The cells are grouped per approver, month and class before the
-- department is joined (one per approver, so the groups are the same): the join then meets 18 k groups, not 1.4 M
-- cells (a year at 10 M rows, where an approver × day × hour cell holds about one row). (A ClickHouse source
-- computes r on the cluster instead.)
-- The working window as src/db/work-window.ts defines it: a minute m of the day is working time when
-- (m − start_min) mod 1440 < span, so 20:00–06:00 wraps past midnight (a night shift) and an end equal to the start is
-- the whole day; a shift belongs to the day it starts on, so the first `carry` minutes after midnight take the
-- previous day's weekday (Saturday 20:00 – Sunday 06:00 is Saturday's shift, a working day in Mon–Sat).
WITH k AS (
  SELECT string_split($days, ',')::INTEGER[] AS days,
         split_part($start, ':', 1)::INTEGER * 60 + split_part($start, ':', 2)::INTEGER AS start_min,
         split_part($end, ':', 1)::INTEGER * 60 + split_part($end, ':', 2)::INTEGER AS end_min,
         coalesce(nullif(((end_min - start_min) % 1440 + 1440) % 1440, 0), 1440) AS span,
         greatest(start_min + span - 1440, 0) AS carry
),
approver_dept AS (
  SELECT approver_id, first(department ORDER BY n DESC, department) AS department
  FROM (
    SELECT approver_id, coalesce(department, '') AS department, count(*) AS n
    FROM ledger
    WHERE $kept AND approver_id IS NOT NULL AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
    GROUP BY ALL
  )
  GROUP BY approver_id
),
-- Each day and hour of the period once (8,760 for a year) with its month and class, as a code: the cells take them
-- by a join, not by a weekday, a list lookup and a month computed on each of their 1.4 M rows, and are grouped on
-- the code; the class is named on the 18 k groups.
hours AS (
  SELECT d.day::DATE AS day, h.hour::TINYINT AS hour, date_trunc('month', d.day)::TIMESTAMP AS month,
         CASE WHEN ((h.hour * 60 - k.start_min) % 1440 + 1440) % 1440 >= k.span THEN 0
              WHEN NOT list_contains(k.days, isodow(d.day::TIMESTAMP + to_minutes(h.hour * 60 - k.carry))) THEN 1
              ELSE 2 END AS code
  FROM range($from::TIMESTAMP::DATE, $to::TIMESTAMP::DATE, INTERVAL 1 DAY) d(day), range(24) h(hour), k
  WHERE $kept
),
r AS (
  SELECT a.approver_id, d.department, a.month, ['night', 'rest', 'work'][a.code + 1] AS class, a.n, a.first_at, a.last_at
  FROM (
    SELECT a.approver_id, c.month, c.code,
           sum(a.n)::BIGINT AS n, min(a.day)::TIMESTAMP AS first_at, max(a.day)::TIMESTAMP AS last_at
    FROM rollup_approver_hour a JOIN hours c ON c.day = a.day AND c.hour = a.hour
    WHERE $kept AND a.day >= $from::TIMESTAMP::DATE AND a.day < $to::TIMESTAMP::DATE
    GROUP BY ALL
  ) a JOIN approver_dept d USING (approver_id)
  UNION ALL
  SELECT l.approver_id, l.department, date_trunc('month', l.occurred_at)::TIMESTAMP AS month,
         CASE WHEN ((hour(l.occurred_at) * 60 + minute(l.occurred_at) - k.start_min) % 1440 + 1440) % 1440 >= k.span THEN 'night'
              WHEN NOT list_contains(k.days, isodow(l.occurred_at - to_minutes(k.carry))) THEN 'rest' ELSE 'work' END AS class,
         count(*)::BIGINT AS n, min(l.occurred_at) AS first_at, max(l.occurred_at) AS last_at
  FROM ledger_clean l, k
  WHERE NOT $kept AND l.approver_id IS NOT NULL AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY ALL
),
dept AS (
  SELECT approver_id, first(department ORDER BY n DESC, department) AS department
  FROM (SELECT approver_id, coalesce(department, '') AS department, sum(n) AS n FROM r GROUP BY ALL) GROUP BY approver_id
),
roles AS (
  SELECT account_id AS approver_id, first(coalesce(trim(attrs['role']), '') ORDER BY source_line) AS role
  FROM accounts WHERE account_id IN (SELECT approver_id FROM dept) GROUP BY account_id
)
SELECT r.approver_id, d.department, coalesce(ro.role, '') AS role, coalesce(strftime(r.month, '%Y-%m'), '') AS month, sum(n)::INTEGER AS approved,
       coalesce(sum(n) FILTER (WHERE class = 'night'), 0)::INTEGER AS night,
       coalesce(sum(n) FILTER (WHERE class = 'rest'), 0)::INTEGER AS rest_day,
       strftime(min(first_at) FILTER (WHERE class = 'night'), '%Y-%m-%d') AS first_night,
       strftime(max(last_at) FILTER (WHERE class = 'night'), '%Y-%m-%d') AS last_night,
       strftime(min(first_at) FILTER (WHERE class = 'rest'), '%Y-%m-%d') AS first_rest,
       strftime(max(last_at) FILTER (WHERE class = 'rest'), '%Y-%m-%d') AS last_rest
FROM r JOIN dept d USING (approver_id) LEFT JOIN roles ro USING (approver_id)
GROUP BY GROUPING SETS ((r.approver_id, d.department, ro.role, r.month), (r.approver_id, d.department, ro.role))
ORDER BY r.approver_id, month
