-- audit_daily_series (ClickHouse): the whole of queries/audit_daily_series.sql, run on the cluster
-- params: {ledger}, {since} TIMESTAMP, {to} TIMESTAMP
-- returns: day VARCHAR, rule_id VARCHAR, issued DOUBLE, rows INTEGER, experiment VARCHAR (nullable)
-- grain: one row per day and rule with earn rows in [since, to), in day and rule order
SELECT d AS day, r AS rule_id, i AS issued, c AS rows, x AS experiment
FROM (
  SELECT toString(toDate(occurred_at)) AS d, ifNull(rule_id, '') AS r, toString(sum(points)) AS i, count() AS c,
         max(nullIf(experiment_id, '')) AS x
  FROM {ledger}
  WHERE event_type = 'earn' AND occurred_at >= {since} AND occurred_at < {to}
  GROUP BY d, r
)
ORDER BY day, rule_id
