-- audit_concentration_share (ClickHouse): the share test's candidates (CTEs givers to flagged of queries/audit_concentration.sql), run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {share} DOUBLE, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: giver VARCHAR, role VARCHAR, test VARCHAR, top VARCHAR, rule_id VARCHAR (nullable), hits BIGINT, top_amount DOUBLE, total DOUBLE, movements BIGINT, receivers BIGINT (nullable), expected DOUBLE, peer_n DOUBLE (nullable), others_n DOUBLE (nullable), spread DOUBLE (nullable), tests BIGINT
-- grain: one row per judged giver (each role) whose top receiver has at least share of its points, in [from, to)
-- The columns of the CTE candidates, so only candidates come back. No window functions in 18.16: a giver's median
-- |d| and the role's median of those are read from sorted arrays at rank r = (N − 1)/2, lo + (hi − lo)·(r − ⌊r⌋),
-- the value DuckDB's median() gives; tests = the pairs of the judged givers.
SELECT x.1 AS giver, ro AS role, 'share' AS test, x.2 AS top, CAST(NULL AS Nullable(String)) AS rule_id, x.3 AS hits,
       x.4 / 100 AS top_amount, x.5 / 100 AS total, x.6 AS movements, x.7 AS receivers, 1 / x.7 AS expected,
       exp((x.8 - ln(x.3)) / (x.7 - 1)) AS peer_n, (x.9 - 1 / x.3) / ((x.7 - 1) * (x.7 - 1)) AS others_n,
       1.4826 * (ms[toUInt64(floor(mr)) + 1] + (ms[toUInt64(ceil(mr)) + 1] - ms[toUInt64(floor(mr)) + 1]) * (mr - floor(mr))) AS spread,
       tests
FROM (
  SELECT ro, groupArrayIf((g, top, hits, top_c, total_c, movements, receivers, sum_ln, sum_inv), top_c >= {share} * total_c) AS cand,
         arraySort(groupArray(mad)) AS ms, (length(ms) - 1) * 0.5 AS mr, sum(receivers) AS tests
  FROM (
    -- givers and judged; d of each receiver against the others' mean log count (leave one out), as loo. On a tie in
    -- points the top receiver is the one of more movements, then the first by name, and the logs and inverses are added in the sorted counts' order
    -- (a parallel sum's order is the threads'), so every run gives the same answer, as DuckDB's.
    SELECT g, ro, count() AS receivers, sum(c) AS movements, sum(amt) AS total_c, argMin((re, c), (-amt, -c, re)) AS t,
           t.1 AS top, t.2 AS hits, max(amt) AS top_c, arraySort(groupArray(c)) AS cs,
           arraySum(arrayMap(x -> ln(x), cs)) AS sum_ln, arraySum(arrayMap(x -> 1 / x, cs)) AS sum_inv,
           arraySort(arrayMap(x -> abs(ln(x) - (sum_ln - ln(x)) / (receivers - 1)), cs)) AS ds,
           (receivers - 1) * 0.5 AS rk,
           ds[toUInt64(floor(rk)) + 1] + (ds[toUInt64(ceil(rk)) + 1] - ds[toUInt64(floor(rk)) + 1]) * (rk - floor(rk)) AS mad
    FROM ({@audit_concentration_pairs})
    GROUP BY g, ro
    HAVING movements >= {min_count} AND receivers >= {min_receivers} AND total_c > 0
  )
  GROUP BY ro
)
ARRAY JOIN cand AS x
