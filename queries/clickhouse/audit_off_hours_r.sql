-- audit_off_hours_r (ClickHouse): the CTE r of queries/audit_off_hours.sql (approvals per approver, department, month and hour class), run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {start_min} INTEGER, {end_min} INTEGER, {days} INTEGER[]
-- returns: approver_id VARCHAR, department VARCHAR (nullable), month TIMESTAMP, class VARCHAR, n BIGINT, first_at TIMESTAMP, last_at TIMESTAMP
-- grain: one row per approver, department, calendar month and class (night, rest, work) with approvals in [from, to)
-- Night: a minute of the day outside [start_min, end_min); rest: a weekday (1 = Monday) not in days; else work.
SELECT ap AS approver_id, dep AS department, mo AS month, cl AS class, c AS n, fa AS first_at, la AS last_at
FROM (
  SELECT approver_id AS ap, department AS dep, toString(toStartOfMonth(occurred_at)) AS mo,
         multiIf(toHour(occurred_at) * 60 + toMinute(occurred_at) < {start_min}
                   OR toHour(occurred_at) * 60 + toMinute(occurred_at) > {end_min} - 1, 'night',
                 has({days}, toDayOfWeek(occurred_at)), 'work', 'rest') AS cl,
         count() AS c, toString(min(occurred_at)) AS fa, toString(max(occurred_at)) AS la
  FROM {ledger}
  WHERE isNotNull(approver_id) AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY ap, dep, mo, cl
)
