-- audit_concentration_cell_days (ClickHouse): the CTE cell_days of queries/audit_concentration.sql, run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: giver VARCHAR, receiver VARCHAR, rule_id VARCHAR, day TIMESTAMP, amount DECIMAL(38,2), n BIGINT
-- grain: one row per (approver, receiver, rule ('' = no rule), day) of positive approved earn and adjust rows in
-- [from, to), self-approval left out
-- The day travels as its date's text and becomes the TIMESTAMP of its midnight, as DuckDB's date_trunc('day', …).
SELECT g AS giver, re AS receiver, r AS rule_id, d AS day, amt AS amount, c AS n
FROM (
  SELECT approver_id AS g, account_id AS re, ifNull(rule_id, '') AS r, toString(toDate(occurred_at)) AS d,
         toString(sum(points)) AS amt, count() AS c
  FROM {ledger}
  WHERE isNotNull(approver_id) AND approver_id != account_id AND points > 0 AND event_type IN ('earn', 'adjust')
    AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY g, re, r, d
)
