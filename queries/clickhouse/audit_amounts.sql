-- audit_amounts (ClickHouse): the whole of queries/audit_amounts.sql, run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: field VARCHAR, approver_id VARCHAR (nullable), amount DOUBLE, n INTEGER
-- grain: one row per (field, approver, |amount|) in [from, to): adjustments, received transfers, cash values
-- Grouped on the exact decimal text, as DuckDB groups the decimal before it casts to DOUBLE.
SELECT f AS field, ap AS approver_id, a AS amount, c AS n
FROM (
  SELECT 'adjust' AS f, approver_id AS ap, toString(abs(points)) AS a, count() AS c
  FROM {ledger}
  WHERE event_type = 'adjust' AND points != 0 AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY ap, a
  UNION ALL
  SELECT 'transfer' AS f, approver_id AS ap, toString(points) AS a, count() AS c
  FROM {ledger}
  WHERE event_type = 'transfer' AND points > 0 AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY ap, a
  UNION ALL
  SELECT 'cash_value' AS f, approver_id AS ap, toString(abs(assumeNotNull(cash_value))) AS a, count() AS c
  FROM {ledger}
  WHERE isNotNull(cash_value) AND cash_value != 0 AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY ap, a
)
