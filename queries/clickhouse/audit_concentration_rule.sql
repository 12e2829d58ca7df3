-- audit_concentration_rule (ClickHouse): the rule test's candidates (CTEs multi to by_rule of queries/audit_concentration.sql), run on the cluster
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {share} DOUBLE, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: giver VARCHAR, role VARCHAR, test VARCHAR, top VARCHAR, rule_id VARCHAR (nullable), hits BIGINT, top_amount DOUBLE, total DOUBLE, movements BIGINT, receivers BIGINT (nullable), expected DOUBLE, peer_n DOUBLE (nullable), others_n DOUBLE (nullable), spread DOUBLE (nullable), tests BIGINT
-- grain: one row per (approver, receiver) past the rule test's prefilter in [from, to): its strongest rule
-- The columns of the CTE candidates, so only candidates come back. Pass 1's cells (audit_concentration_one.sql) and
-- pass 2's (the elevated cells of pairs with two or more, judged against the rules not elevated) in one list;
-- tests = every tested cell, counted beside the candidates in one aggregate; the strongest rule of a pair by ORDER BY
-- and LIMIT 1 BY (no window functions in 18.16). {share} is not read. Each side of a JOIN has an alias.
SELECT x.1 AS giver, 'approver' AS role, 'rule' AS test, x.2 AS top, x.3 AS rule_id, x.4 AS hits, x.5 / 100 AS top_amount,
       x.6 / 100 AS total, x.7 AS movements, CAST(NULL AS Nullable(UInt64)) AS receivers, x.8 AS expected,
       x.10 AS peer_n, x.11 AS others_n, CAST(NULL AS Nullable(Float64)) AS spread, tests
FROM (
  SELECT groupArrayIf((g, re, r, k, amt, ax, kx, p0, z, num, den), z > 3) AS cand, count() AS tests
  FROM (
    SELECT g, re, r, k, amt, ax, kx, p0, z, CAST(NULL AS Nullable(Float64)) AS num,
           CAST(NULL AS Nullable(Float64)) AS den
    FROM ({@audit_concentration_one})
    UNION ALL
    -- Pass 2, conditional (Fisher): k of k + n2 draws from kx + d2 days of which kx are the rule's.
    SELECT g, re, r, k, amt, ax, kx, n2 / d2 AS p0,
           (k - (k + n2) * kx / (kx + d2))
             / sqrt((k + n2) * kx / (kx + d2) * d2 / (kx + d2) * (kx + d2 - k - n2) / (kx + d2 - 1)) AS z,
           CAST(n2 AS Nullable(Float64)) AS num, CAST(d2 AS Nullable(Float64)) AS den
    FROM (
      -- d2 = the elevated cell's baseline rules' award-days that g gave the receivers (re2) of its rule
      SELECT g, re, r, k, amt, ax, kx, n2, sum(ky) AS d2
      FROM (
        SELECT g, re, r, k, amt, ax, kx, n2, er, pr, pk
        FROM (
          SELECT g, re, r, k, amt, ax, kx, n2, er, re2
          FROM (
            -- the elevated cells of pairs with two or more, with n2 = the receiver's award-days of the rest
            SELECT g, re, r, k, amt, ax, kx, kr - ke AS n2, er
            FROM ({@audit_concentration_z1}) AS z
            ALL INNER JOIN (
              SELECT g, re, groupArray(r) AS er, sum(k) AS ke
              FROM ({@audit_concentration_one})
              WHERE z > 2
              GROUP BY g, re
              HAVING count() >= 2
            ) AS e USING (g, re)
            WHERE has(er, r) AND kr > ke
          ) AS c
          ALL INNER JOIN (SELECT g, r, re AS re2 FROM ({@audit_concentration_multi})) AS rx USING (g, r)
        ) AS c2
        ALL INNER JOIN (
          SELECT g, re AS re2, groupArray(r) AS pr, groupArray(k) AS pk
          FROM ({@audit_concentration_multi})
          GROUP BY g, re
        ) AS o USING (g, re2)
      )
      ARRAY JOIN pr AS y, pk AS ky
      WHERE NOT has(er, y) AND y != r
      GROUP BY g, re, r, k, amt, ax, kx, n2
    )
  )
)
ARRAY JOIN cand AS x
WHERE x.9 > if(tests >= 100, 4, 3)
ORDER BY giver, top, x.9 DESC, rule_id, expected
LIMIT 1 BY giver, top
