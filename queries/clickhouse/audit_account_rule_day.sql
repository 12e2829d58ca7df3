-- audit_account_rule_day (ClickHouse): the whole of queries/audit_account_rule_day.sql, run on the cluster
-- params: {ledger}, {since} TIMESTAMP, {to} TIMESTAMP
-- returns: account_id VARCHAR, day DATE, rule_id VARCHAR, issued DOUBLE, n INTEGER
-- grain: one row per account, day and rule ('' = no rule) with at least one earn row in [since, to)
-- The sum travels as exact decimal text and becomes a DOUBLE in DuckDB, as DuckDB's own sum(points)::DOUBLE does.
-- (With the rollups current, as a ClickHouse source's are, the audit reads rollup_account_day instead.)
SELECT a AS account_id, d AS day, r AS rule_id, i AS issued, c AS n
FROM (
  SELECT account_id AS a, toDate(occurred_at) AS d, ifNull(rule_id, '') AS r, toString(sum(points)) AS i,
         count() AS c
  FROM {ledger}
  WHERE event_type = 'earn' AND occurred_at >= {since} AND occurred_at < {to}
  GROUP BY a, d, r
)
