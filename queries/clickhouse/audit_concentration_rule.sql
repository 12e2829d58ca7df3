-- audit_concentration_rule (ClickHouse): the rule test's candidates (CTEs multi to by_rule of queries/audit_concentration.sql), run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {share} DOUBLE, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: giver VARCHAR, role VARCHAR, test VARCHAR, top VARCHAR, rule_id VARCHAR (nullable), hits BIGINT, top_amount DOUBLE, total DOUBLE, movements BIGINT, receivers BIGINT (nullable), expected DOUBLE, peer_n DOUBLE (nullable), others_n DOUBLE (nullable), spread DOUBLE (nullable), tests BIGINT
-- grain: one row per (approver, receiver) past the rule test's prefilter in [from, to): its strongest rule
-- The columns of the CTE candidates, so only candidates come back. cell_kr is grouped per (approver, rule) with its
-- rows in an array, so k_other is summed in the same pass; tests = every tested cell, counted beside the candidates
-- in one aggregate; the strongest rule of a pair by ORDER BY and LIMIT 1 BY (no window functions in 18.16). The pair
-- filter on judged approvers is a WHERE before the grouping: 18.16 fails on an IN subquery in a HAVING. {share} is
-- not read. Each side of a JOIN has an alias (current versions require one).
SELECT x.1 AS giver, 'approver' AS role, 'rule' AS test, x.2 AS top, x.3 AS rule_id, x.4 AS hits, x.5 / 100 AS top_amount,
       x.6 / 100 AS total, x.7 AS movements, CAST(NULL AS Nullable(UInt64)) AS receivers, x.8 AS expected,
       CAST(NULL AS Nullable(Float64)) AS peer_n, CAST(NULL AS Nullable(Float64)) AS others_n,
       CAST(NULL AS Nullable(Float64)) AS spread, tests
FROM (
  SELECT groupArrayIf((g, re, r, k, amt, ax, kx, p0, z), p0 < 1 AND z > 3) AS cand, count() AS tests
  FROM (
    -- cell_test
    SELECT g, r, re, k, amt, kx, ax, (kr - k) / k_other AS p0, (k - kx * p0) / sqrt(kx * p0 * (1 - p0)) AS z
    FROM (
      SELECT g, r, y.1 AS re, y.2 AS k, y.3 AS amt, y.4 AS kr, k_other
      FROM (
        SELECT g, r, groupArray((re, k, amt, kr)) AS ys, sum(kr - k) AS k_other
        FROM (
          -- cells of the multi pairs (two rows or more) with the pair's award-days kr (cell_kr)
          SELECT g, re, w.1 AS r, w.2 AS k, w.3 AS amt, kr
          FROM (
            SELECT g, re, groupArray((r, k, amt)) AS ws, sum(k) AS kr, sum(n) AS pn
            FROM ({@audit_concentration_cells})
            WHERE g IN ({@audit_concentration_judged})
            GROUP BY g, re
            HAVING pn >= 2
          )
          ARRAY JOIN ws AS w
        )
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
  )
)
ARRAY JOIN cand AS x
WHERE x.9 > if(tests >= 100, 4, 3)
ORDER BY giver, top, x.9 DESC, rule_id
LIMIT 1 BY giver, top
