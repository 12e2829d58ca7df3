-- gini_trend: the Gini of every calendar quarter in [from, to), over each quarter's fairness population, in one pass
-- params: $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: quarter DATE, n INTEGER, gini DOUBLE (nullable), gini_nonzero DOUBLE (nullable)
-- grain: one row per quarter starting in [from, to) (both ends are quarter starts), oldest first
--
-- The same numbers as distribution.sql run once per quarter (n, gini, gini_nonzero; the population of
-- participant_issued: eligible roster accounts with zeros plus active accounts the roster does not list), read in one
-- pass of rollup_account_quarter (one row per account and quarter; the account × month rows added up where it is a
-- view of the rows, ll_kept_rollups()) instead of one query per quarter: the fairness page's trend. Ranks as in
-- distribution.sql, per quarter: a value x held by c accounts with r0 below takes ranks r0 + 1 … r0 + c.
WITH quarters AS (
  SELECT q::DATE AS q_from, (q + INTERVAL 3 MONTH)::DATE AS q_to
  FROM generate_series($from::DATE::TIMESTAMP, $to::DATE::TIMESTAMP - INTERVAL 1 DAY, INTERVAL 3 MONTH) AS g(q)
),
period AS (
  SELECT quarter AS q_from, account_id, earned AS issued, n_active > 0 AS active
  FROM rollup_account_quarter
  WHERE ll_kept_rollups() AND quarter >= $from::DATE AND quarter < $to::DATE
    AND ll_in_scope(account_id, $scope_attribute, $scope_value)
  UNION ALL
  SELECT date_trunc('quarter', month)::DATE AS q_from, account_id, sum(earned) AS issued, sum(n_active) > 0 AS active
  FROM rollup_account_month
  WHERE NOT ll_kept_rollups() AND month >= $from::DATE AND month < $to::DATE
    AND ll_in_scope(account_id, $scope_attribute, $scope_value)
  GROUP BY ALL
),
pop AS (
  SELECT q.q_from, coalesce(p.issued, 0)::DOUBLE AS x
  FROM quarters q
  JOIN account_roster r
    ON (r.joined_at IS NULL OR r.joined_at < q.q_to) AND (r.left_at IS NULL OR r.left_at >= q.q_from)
  LEFT JOIN period p ON p.q_from = q.q_from AND p.account_id = r.account_id
  WHERE ll_in_scope(r.account_id, $scope_attribute, $scope_value)
  UNION ALL
  SELECT p.q_from, p.issued::DOUBLE
  FROM period p
  ANTI JOIN account_roster r ON r.account_id = p.account_id
  WHERE p.active
),
g AS (
  SELECT q_from, x, c,
         coalesce(sum(c) OVER (PARTITION BY q_from ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS r0
  FROM (SELECT q_from, x, count(*) AS c FROM pop GROUP BY ALL)
),
t AS (
  SELECT q_from,
         sum(c) AS n,
         coalesce(sum(c) FILTER (WHERE x = 0), 0) AS zeros,
         coalesce(sum(c) FILTER (WHERE x > 0), 0) AS n_nonzero,
         sum(c * x) AS s,
         sum(x * (c * r0 + c * (c + 1) // 2)) AS s_ix
  FROM g
  GROUP BY q_from
)
SELECT q.q_from AS quarter,
       coalesce(t.n, 0)::INTEGER AS n,
       CASE WHEN t.s > 0 THEN (2 * t.s_ix - (t.n + 1) * t.s) / (t.n * t.s) END::DOUBLE AS gini,
       CASE WHEN t.s > 0 THEN (2 * t.s_ix - (2 * t.zeros + t.n_nonzero + 1) * t.s) / (t.n_nonzero * t.s) END::DOUBLE AS gini_nonzero
FROM quarters q
LEFT JOIN t ON t.q_from = q.q_from
ORDER BY q.q_from;
