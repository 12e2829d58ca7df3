-- audit_concentration_cells (ClickHouse): the CTE cells of queries/audit_concentration.sql before its pair filter, a part of audit_concentration_rule.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: g VARCHAR, re VARCHAR, r VARCHAR, k BIGINT, amt BIGINT, n BIGINT
-- grain: one row per (approver, receiver, rule ('' = no rule)) of positive approved earn and adjust rows in [from, to)
-- k = the award-days (distinct days of the cell's rows), amt = their points in cents, n = their rows. A receiver's rows
-- live on one shard (the table's key is the account), so the distinct days merge exactly.
SELECT assumeNotNull(approver_id) AS g, account_id AS re, ifNull(rule_id, '') AS r,
       uniqExact(toDate(occurred_at)) AS k, sum(toInt64(points * 100)) AS amt, count() AS n
FROM {ledger}
WHERE isNotNull(approver_id) AND approver_id != account_id AND points > 0 AND event_type IN ('earn', 'adjust')
  AND occurred_at >= {from} AND occurred_at < {to}
GROUP BY g, re, r
