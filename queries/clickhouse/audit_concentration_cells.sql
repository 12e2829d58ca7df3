-- audit_concentration_cells (ClickHouse): the CTE cells of queries/audit_concentration.sql, run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: giver VARCHAR, receiver VARCHAR, rule_id VARCHAR, k BIGINT, amount DECIMAL(38,2)
-- grain: one row per (approver, receiver, rule ('' = no rule)) of positive approved earn and adjust rows in
-- [from, to), self-approval left out: k = the days with such rows (award-days), amount = Σ points
-- The rule test reads award-days per cell, never the days themselves: counted on the shards, so the approver ×
-- receiver × rule × day rows (cell_days) never come back.
SELECT g AS giver, re AS receiver, r AS rule_id, k, amt AS amount
FROM (
  SELECT approver_id AS g, account_id AS re, ifNull(rule_id, '') AS r, uniqExact(toDate(occurred_at)) AS k,
         toString(sum(points)) AS amt
  FROM {ledger}
  WHERE isNotNull(approver_id) AND approver_id != account_id AND points > 0 AND event_type IN ('earn', 'adjust')
    AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY g, re, r
)
