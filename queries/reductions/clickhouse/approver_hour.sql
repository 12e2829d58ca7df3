-- approver_hour (ClickHouse): approved rows of the remote ledger reduced to approver × day × hour, as reductions/approver_hour.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value), {where} a
-- condition on the rows (1 = all; an on-demand source fetches the period one query reads, src/db/clickhouse/rows.ts)
-- returns: approver_id VARCHAR, day DATE, hour TINYINT, n BIGINT, points DECIMAL(18,2)
-- grain: one row per (approver_id, day, hour of occurred_at) with rows that carry an approver_id
SELECT ap AS approver_id, d AS day, h AS hour, c AS n, p AS points
FROM (
  SELECT assumeNotNull(approver_id) AS ap, toDate(occurred_at) AS d, toHour(occurred_at) AS h,
         count() AS c, toString(sum(points)) AS p
  FROM {ledger}
  WHERE isNotNull(approver_id) AND {where}
  GROUP BY ap, d, h
)
