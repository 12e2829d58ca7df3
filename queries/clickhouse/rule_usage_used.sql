-- rule_usage_used (ClickHouse): the CTE `used` of rule_usage.sql, unfiltered, reduced on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: rule_id VARCHAR, rows BIGINT, accounts BIGINT, points DECIMAL(38,2)
-- grain: one row per rule_id ('' left out) with rows in [from, to)
-- The distinct accounts of a rule need the account grain: counted on the cluster (uniqExact), so no account × day
-- cell comes back. Sums travel as exact decimal text.
SELECT r AS rule_id, c AS rows, u AS accounts, p AS points
FROM (
  SELECT ifNull(rule_id, '') AS r, count() AS c, uniqExact(account_id) AS u, toString(sum(points)) AS p
  FROM {ledger}
  WHERE ifNull(rule_id, '') != '' AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY r
)
