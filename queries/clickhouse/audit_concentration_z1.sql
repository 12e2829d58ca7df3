-- audit_concentration_z1 (ClickHouse): the rule test's pass 1 (CTE cell_z1 of queries/audit_concentration.sql), a part of audit_concentration_rule.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: g VARCHAR, r VARCHAR, re VARCHAR, k BIGINT, amt BIGINT, kr BIGINT, kx BIGINT, ax BIGINT, k_other BIGINT, p0 DOUBLE, z DOUBLE
-- grain: one row per (approver, receiver, rule) of a pair with two rows or more and award-days of another rule
-- p0 = the receiver's share of the other rules' award-days that the approver gave the receivers of the rule (k_other,
-- summed per (approver, rule) from the cells in one pass), z = the cell's binomial sd above it. Each side of a JOIN
-- has an alias (current versions require one).
SELECT g, r, re, k, amt, kr, kx, ax, k_other, (kr - k) / k_other AS p0, (k - kx * p0) / sqrt(kx * p0 * (1 - p0)) AS z
FROM (
  SELECT g, r, y.1 AS re, y.2 AS k, y.3 AS amt, y.4 AS kr, k_other
  FROM (
    SELECT g, r, groupArray((re, k, amt, kr)) AS ys, sum(kr - k) AS k_other
    FROM ({@audit_concentration_multi})
    GROUP BY g, r
  )
  ARRAY JOIN ys AS y
  WHERE kr > k
) AS t
ALL INNER JOIN (
  -- cell_x: the approver's award-days and cents per rule over every receiver
  SELECT g, r, sum(k) AS kx, sum(amt) AS ax
  FROM ({@audit_concentration_cells})
  WHERE g IN ({@audit_concentration_judged})
  GROUP BY g, r
) AS x USING (g, r)
