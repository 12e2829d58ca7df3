-- audit_off_hours_r (ClickHouse): the CTE r of queries/audit_off_hours.sql (approvals per approver, department, month and hour class), run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {start_min} INTEGER, {span} INTEGER, {carry} INTEGER, {days} INTEGER[]
-- returns: approver_id VARCHAR, department VARCHAR (nullable), month TIMESTAMP, class VARCHAR, n BIGINT, first_at TIMESTAMP, last_at TIMESTAMP
-- grain: one row per approver, department, calendar month and class (night, rest, work) with approvals in [from, to)
-- Night: a minute m of the day with (m − start_min) mod 1440 ≥ span (src/db/work-window.ts: the window wraps past
-- midnight for a night shift); rest: a shift starting on a weekday (1 = Monday) not in days, the first carry minutes
-- after midnight belonging to the previous day's shift; else work.
SELECT ap AS approver_id, dep AS department, mo AS month, cl AS class, c AS n, fa AS first_at, la AS last_at
FROM (
  SELECT approver_id AS ap, department AS dep, toString(toStartOfMonth(occurred_at)) AS mo,
         multiIf(((toHour(occurred_at) * 60 + toMinute(occurred_at) - {start_min}) % 1440 + 1440) % 1440 >= {span}, 'night',
                 has({days}, toDayOfWeek(occurred_at - toIntervalMinute({carry}))), 'work', 'rest') AS cl,
         count() AS c, toString(min(occurred_at)) AS fa, toString(max(occurred_at)) AS la
  FROM {ledger}
  WHERE isNotNull(approver_id) AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY ap, dep, mo, cl
)
