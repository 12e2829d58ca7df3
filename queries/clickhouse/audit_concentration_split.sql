-- audit_concentration_split (ClickHouse): the split test's candidates (CTEs ap to split of queries/audit_concentration.sql), run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {share} DOUBLE, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: giver VARCHAR, role VARCHAR, test VARCHAR, top VARCHAR, rule_id VARCHAR (nullable), hits BIGINT, top_amount DOUBLE, total DOUBLE, movements BIGINT, receivers BIGINT (nullable), expected DOUBLE, peer_n DOUBLE (nullable), others_n DOUBLE (nullable), spread DOUBLE (nullable), tests BIGINT
-- grain: one row per (approver, receiver) past the split test's prefilter in [from, to)
-- The columns of the CTE candidates, so only candidates come back. co: (g, co) sharing receivers, at least half of
-- co's (shared counted over co_pairs); co_rows summed over the pairs of co; typical = the median of g's n / rn from a
-- sorted array (lo + (hi − lo)·(r − ⌊r⌋), as DuckDB's median()); tests = every tested pair, counted beside the
-- candidates in one aggregate (no window functions in 18.16). {share} is not read. Each side of a JOIN has an alias
-- (current versions require one).
SELECT x.1 AS giver, 'approver' AS role, 'split' AS test, x.2 AS top, CAST(NULL AS Nullable(String)) AS rule_id,
       x.3 AS hits, x.4 / 100 AS top_amount, x.6 / 100 AS total, x.5 AS movements, x.7 AS receivers,
       least(x.8, 1.) AS expected, CAST(NULL AS Nullable(Float64)) AS peer_n, CAST(NULL AS Nullable(Float64)) AS others_n,
       CAST(NULL AS Nullable(Float64)) AS spread, tests
FROM (
  SELECT groupArrayIf((g, re, n, amt, rn, ramt, receivers, p0), p0 < 1 AND n > rn * p0 + 3 * sqrt(rn * p0 * (1 - p0))) AS cand,
         count() AS tests
  FROM (
    SELECT g, receivers, gn, g_all, p0, y.1 AS re, y.2 AS n, y.3 AS amt, y.4 AS rn, y.5 AS ramt, y.6 AS approvers
    FROM (
      -- gtot, each giver's rows kept in an array for tested
      SELECT g, groupArray((re, n, amt, rn, ramt, approvers)) AS ys, count() AS receivers, sum(n) AS gn, sum(rn) AS g_all,
             arraySort(groupArray(n / rn)) AS ps, (receivers - 1) * 0.5 AS pr,
             ps[toUInt64(floor(pr)) + 1] + (ps[toUInt64(ceil(pr)) + 1] - ps[toUInt64(floor(pr)) + 1]) * (pr - floor(pr)) AS p0
      FROM (
        -- gp: a join's missing right side reads 0 in 18.16 (join_use_nulls = 0), the coalesce of the DuckDB query
        SELECT g, re, c AS n, amt, c + co_n AS rn, amt + co_amt AS ramt, 1 + co_count AS approvers
        FROM ({@audit_concentration_approvals}) AS p
        ANY LEFT JOIN (
          -- co_rows
          SELECT g, re, sum(cn) AS co_n, sum(camt) AS co_amt, count() AS co_count
          FROM ({@audit_concentration_co_pairs})
          WHERE concat(g, '\0', co) IN (
            -- co (one string per pair: 18.16 fails on sets of string tuples)
            SELECT concat(g, '\0', co)
            FROM (SELECT g, co, count() AS k FROM ({@audit_concentration_co_pairs}) GROUP BY g, co) AS s
            ANY INNER JOIN (SELECT g AS co, count() AS co_receivers FROM ({@audit_concentration_approvals}) GROUP BY co) AS c USING co
            WHERE 2 * k >= co_receivers
          )
          GROUP BY g, re
        ) AS o USING (g, re)
      )
      GROUP BY g
    )
    ARRAY JOIN ys AS y
    WHERE approvers >= 2 AND receivers >= {min_receivers} AND gn >= {min_count} AND g_all > rn AND gn > n
  )
)
ARRAY JOIN cand AS x
