-- audit_concentration_pairs (ClickHouse): the CTE pairs of queries/audit_concentration.sql, a part of audit_concentration_share.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: g VARCHAR, ro VARCHAR, re VARCHAR, amt BIGINT, c BIGINT
-- grain: one row per (giver, role, receiver) with movements in [from, to): approver → account (the approvals part),
-- and giver → counterparty of the giving side of transfers; amt in cents
{@audit_concentration_approvals}
UNION ALL
SELECT account_id AS g, 'giver' AS ro, assumeNotNull(counterparty_id) AS re, sum(toInt64(-points * 100)) AS amt, count() AS c
FROM {ledger}
WHERE event_type = 'transfer' AND points < 0 AND isNotNull(counterparty_id)
  AND occurred_at >= {from} AND occurred_at < {to}
GROUP BY g, re
