-- audit_concentration_amounts (ClickHouse): the CTE transfer_amounts of queries/audit_concentration.sql, run on the cluster for the share test's candidate givers
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {giver_set} VARCHAR tuple (the candidate givers)
-- returns: g VARCHAR, amt BIGINT, n BIGINT
-- grain: one row per (candidate giver, distinct amount) of the giving side of transfers in [from, to), to any receiver
-- amt is in cents (an Int64), as in audit_concentration_pairs.sql; n = the giver's transfers of that amount.
SELECT account_id AS g, toInt64(-points * 100) AS amt, count() AS n
FROM {ledger}
WHERE event_type = 'transfer' AND points < 0 AND isNotNull(counterparty_id) AND account_id IN {giver_set}
  AND occurred_at >= {from} AND occurred_at < {to}
GROUP BY g, amt
