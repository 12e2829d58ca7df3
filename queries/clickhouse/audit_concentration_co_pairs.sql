-- audit_concentration_co_pairs (ClickHouse): every ordered pair of two approvers of one receiver (the join of the CTE shared of queries/audit_concentration.sql), a part of audit_concentration_split.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: re VARCHAR, g VARCHAR, co VARCHAR, cn BIGINT, camt BIGINT
-- grain: one row per receiver and ordered pair (g, co) of two of its approvers in [from, to), with co's rows (cn)
-- and cents (camt) for the receiver
-- No window functions or self-joins on names in 18.16: each receiver's approvers become one array and the pairs
-- are its index pairs (k² per receiver with k approvers, as DuckDB's join).
SELECT re, gs[i.1] AS g, gs[i.2] AS co, ns[i.2] AS cn, ams[i.2] AS camt
FROM (
  SELECT re, groupArray(g) AS gs, groupArray(c) AS ns, groupArray(amt) AS ams
  FROM ({@audit_concentration_approvals})
  GROUP BY re
)
ARRAY JOIN arrayFilter(p -> p.1 != p.2, arrayMap(k -> (intDiv(k, length(gs)) + 1, k % length(gs) + 1), range(length(gs) * length(gs)))) AS i
