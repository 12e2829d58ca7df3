-- audit_night_hours_r (ClickHouse): the CTE r of queries/audit_night_hours.sql (night approvals per approver, month and hour), run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {start_min} INTEGER, {span} INTEGER
-- returns: approver_id VARCHAR, month TIMESTAMP, hour BIGINT, n BIGINT
-- grain: one row per approver, calendar month and hour of the day with approvals in [from, to) at a minute of the
-- day outside the working window ((m − start_min) mod 1440 ≥ span: it wraps past midnight for a night shift)
-- The ledger branch of r, minute by minute; with whole hours (when the DuckDB query reads rollup_approver_hour) it
-- counts the same rows. Approvers × months × hours come back, not approver × day × hour cells.
SELECT ap AS approver_id, mo AS month, h AS hour, c AS n
FROM (
  SELECT assumeNotNull(approver_id) AS ap, toString(toStartOfMonth(occurred_at)) AS mo, toHour(occurred_at) AS h,
         count() AS c
  FROM {ledger}
  WHERE isNotNull(approver_id) AND occurred_at >= {from} AND occurred_at < {to}
    AND ((toHour(occurred_at) * 60 + toMinute(occurred_at) - {start_min}) % 1440 + 1440) % 1440 >= {span}
  GROUP BY ap, mo, h
)
