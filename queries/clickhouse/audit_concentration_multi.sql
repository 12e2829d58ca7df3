-- audit_concentration_multi (ClickHouse): the CTE cell_kr of queries/audit_concentration.sql, a part of audit_concentration_z1.sql and audit_concentration_rule.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: g VARCHAR, re VARCHAR, r VARCHAR, k BIGINT, amt BIGINT, kr BIGINT
-- grain: one row per (judged approver, receiver, rule) of a pair with two rows or more in [from, to)
-- kr = the pair's award-days over all its rules.
SELECT g, re, w.1 AS r, w.2 AS k, w.3 AS amt, kr
FROM (
  SELECT g, re, groupArray((r, k, amt)) AS ws, sum(k) AS kr, sum(n) AS pn
  FROM ({@audit_concentration_cells})
  WHERE g IN ({@audit_concentration_judged})
  GROUP BY g, re
  HAVING pn >= 2
)
ARRAY JOIN ws AS w
