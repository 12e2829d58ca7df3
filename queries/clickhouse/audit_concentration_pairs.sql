-- audit_concentration_pairs (ClickHouse): the CTEs m and pairs of queries/audit_concentration.sql, run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: giver VARCHAR, role VARCHAR, receiver VARCHAR, amount DECIMAL(38,2), n BIGINT
-- grain: one row per (giver, role, receiver) with movements in [from, to): approver → account of positive approved
-- earn and adjust rows (self-approval left out), and giver → counterparty of the giving side of transfers
SELECT g AS giver, ro AS role, re AS receiver, amt AS amount, c AS n
FROM (
  SELECT approver_id AS g, 'approver' AS ro, account_id AS re, toString(sum(points)) AS amt, count() AS c
  FROM {ledger}
  WHERE isNotNull(approver_id) AND approver_id != account_id AND points > 0 AND event_type IN ('earn', 'adjust')
    AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY g, re
  UNION ALL
  SELECT account_id AS g, 'giver' AS ro, counterparty_id AS re, toString(sum(-points)) AS amt, count() AS c
  FROM {ledger}
  WHERE event_type = 'transfer' AND points < 0 AND isNotNull(counterparty_id)
    AND occurred_at >= {from} AND occurred_at < {to}
  GROUP BY g, re
)
