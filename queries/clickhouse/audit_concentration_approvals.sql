-- audit_concentration_approvals (ClickHouse): the approver half of the CTE pairs of queries/audit_concentration.sql, a part of the concentration files below
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: g VARCHAR, ro VARCHAR, re VARCHAR, amt BIGINT, c BIGINT
-- grain: one row per (approver, receiver) of positive approved earn and adjust rows in [from, to), self-approval left out
-- amt is in cents (an Int64): 18.16 crashes on a Decimal inside groupArray or argMax's state, and the tests compare
-- amounts exactly; cents / 100 as a Float64 is the DOUBLE DuckDB casts the exact sum to.
SELECT assumeNotNull(approver_id) AS g, 'approver' AS ro, account_id AS re, sum(toInt64(points * 100)) AS amt, count() AS c
FROM {ledger}
WHERE isNotNull(approver_id) AND approver_id != account_id AND points > 0 AND event_type IN ('earn', 'adjust')
  AND occurred_at >= {from} AND occurred_at < {to}
GROUP BY g, re
