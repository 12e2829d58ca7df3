-- audit_concentration_co_pairs (ClickHouse): every ordered pair of two approvers of one receiver (the join of the CTE shared of queries/audit_concentration.sql), a part of audit_concentration_split.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP
-- returns: re VARCHAR, g VARCHAR, co VARCHAR, cn BIGINT, camt BIGINT
-- grain: one row per receiver and ordered pair (g, co) of two of its approvers in [from, to), with co's rows (cn)
-- and cents (camt) for the receiver
-- The pairs come from a join on the receiver, which streams: each block of the left side meets its receivers'
-- approvers, so no step holds more than a block's pairs. Pairs built from each receiver's array of approvers (k²
-- per receiver) were one block for all receivers, 166 M pairs of a quarter at 100 M rows: more than one server's
-- memory.
SELECT re, g, co, cn, camt
FROM ({@audit_concentration_approvals}) AS a
ALL INNER JOIN (SELECT re, g AS co, c AS cn, amt AS camt FROM ({@audit_concentration_approvals})) AS b USING re
WHERE g != co
