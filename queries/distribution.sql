-- distribution: how unequally the period's issued points fell across the fairness population
-- params: $from DATE, $to DATE, $max_points INTEGER, $values BOOLEAN (nullable), $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: population_kind VARCHAR, n INTEGER, not_on_roster INTEGER, zeros INTEGER, zero_share DOUBLE (nullable), total DOUBLE (nullable), mean DOUBLE (nullable), gini DOUBLE (nullable), n_nonzero INTEGER, gini_nonzero DOUBLE (nullable), theil DOUBLE (nullable), top10_share DOUBLE (nullable), lorenz STRUCT(k INTEGER, p DOUBLE, l DOUBLE)[], issued_sorted DOUBLE[]
-- grain: one row for the period [from, to)
--
-- Population (participant_issued macro, views/40): with a roster ('roster'), the eligible roster accounts with
-- zeros plus active accounts the roster does not list (not_on_roster); without one ('active'), active(P).
-- x_i = account i's issued points in P, sorted ascending; S = Σ x; μ = S / n.
-- gini         Σ_i (2i − n − 1) x_(i) / (n S): population Gini, no n/(n−1) factor (matches PySAL); null when
--              n = 0 or S = 0. gini_nonzero: the same over the n_nonzero accounts with x > 0.
-- theil        Theil T = (1/n) Σ (x_i/μ) ln(x_i/μ) with 0·ln 0 = 0; null when S = 0.
-- top10_share  share of S received by the ⌈0.1 n⌉ largest x (ties at the cut do not change the sum).
-- zero_share   zeros / n; null when n = 0.
-- lorenz       points (k, k/n, Σ_{i≤k} x_(i) / S) of the Lorenz curve, thinned for drawing: k = 0, every step-th k
--              and k = n, step = ⌈n / max_points⌉ (at most max_points + 2 points, each exactly on the curve);
--              empty when n = 0 or S = 0. The statistics above always use all n values.
-- issued_sorted  every x ascending: the input of the Gini's bootstrap interval (src/stats/bootstrap.ts) and of any
--              independent re-computation. Empty when n = 0, and when $values is false: the numbers-first request
--              and the Gini trend do not bootstrap, and building this list is a second sort of the population.
-- Ranks without sorting the population: accounts with the same x are grouped first (sums of points repeat a lot),
-- so the one window runs over the distinct values. A value x held by c accounts with r0 accounts below it takes
-- ranks r0 + 1 … r0 + c, whose sum is c·r0 + c(c + 1)/2; Σ i·x, the top share and every Lorenz point follow exactly
-- (ties do not change any of them). Theil T as Σ x ln x / S − ln μ. S is an exact decimal sum and every DOUBLE sum
-- runs in value order, so the numbers do not depend on the order rows are stored in (a one-shot report's unsorted
-- rollups give the import's numbers to the last bit).
WITH pop AS (
  SELECT issued, issued::DOUBLE AS x, on_roster
  FROM participant_issued($from::DATE, $to::DATE, $scope_attribute, $scope_value)
),
v AS (
  SELECT x, count(*) AS c, count(*) FILTER (WHERE NOT on_roster) AS off, sum(issued) AS total FROM pop GROUP BY x
),
g AS (
  SELECT x, c, off, total,
         coalesce(sum(c) OVER below, 0)::BIGINT AS r0,
         coalesce(sum(c * x) OVER below, 0) AS cum0,
         (sum(c) OVER ())::BIGINT AS n,
         (sum(total) OVER ())::DOUBLE AS s
  FROM v
  WINDOW below AS (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
-- Lorenz points inside each value's ranks: the multiples of step in (r0, r0 + c], and k = n in the last one.
steps AS (
  SELECT g.*, greatest(1, ceil(n / greatest($max_points::INTEGER, 1)))::BIGINT AS step FROM g
),
lorenz_points AS (
  SELECT k, k / n AS p, (cum0 + (k - r0) * x) / s AS l
  FROM (
    SELECT *, unnest(list_distinct(list_concat(
             range((r0 // step + 1) * step, r0 + c + 1, step),
             CASE WHEN r0 + c = n THEN [n] ELSE [] END))) AS k
    FROM steps
    WHERE s > 0
  )
),
t AS (
  SELECT coalesce(sum(c), 0) AS n,
         coalesce(sum(off), 0) AS not_on_roster,
         coalesce(sum(c) FILTER (WHERE x = 0), 0) AS zeros,
         coalesce(sum(c) FILTER (WHERE x > 0), 0) AS n_nonzero,
         sum(total)::DOUBLE AS s,
         sum(x * (c * r0 + c * (c + 1) // 2) ORDER BY x) AS s_ix,
         sum(c * ll_xlnx(x) ORDER BY x) AS s_xlnx,
         -- the ⌈0.1 n⌉ largest: of each value's ranks, those above n − ⌈0.1 n⌉
         sum(x * greatest(0, least(c, r0 + c - (n - ceil(0.1 * n)))) ORDER BY x) AS top_sum,
         flatten(list(list_resize([x], c, x) ORDER BY x) FILTER (WHERE coalesce($values::BOOLEAN, true))) AS issued_sorted
  FROM g
)
SELECT CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE ll_in_scope(account_id, $scope_attribute, $scope_value)) THEN 'roster' ELSE 'active' END AS population_kind,
       n::INTEGER AS n,
       not_on_roster::INTEGER AS not_on_roster,
       zeros::INTEGER AS zeros,
       ll_ratio(zeros, n) AS zero_share,
       (CASE WHEN n > 0 THEN s END)::DOUBLE AS total,
       ll_ratio(s, n) AS mean,
       -- Σ (2i − n − 1) x = 2 Σ i x − (n + 1) S; over the non-zero values ranks shift by the zeros count z.
       CASE WHEN s > 0 THEN (2 * s_ix - (n + 1) * s) / (n * s) END AS gini,
       n_nonzero::INTEGER AS n_nonzero,
       CASE WHEN s > 0 THEN (2 * s_ix - (2 * zeros + n_nonzero + 1) * s) / (n_nonzero * s) END AS gini_nonzero,
       CASE WHEN s > 0 THEN s_xlnx / s - ln(s / n) END AS theil,
       CASE WHEN s > 0 THEN top_sum / s END AS top10_share,
       CASE WHEN s > 0 THEN list_concat([{'k': 0, 'p': 0.0::DOUBLE, 'l': 0.0::DOUBLE}],
                                        (SELECT list({'k': k::INTEGER, 'p': p, 'l': l} ORDER BY k) FROM lorenz_points))
            ELSE [] END::STRUCT(k INTEGER, p DOUBLE, l DOUBLE)[] AS lorenz,
       coalesce(issued_sorted, [])::DOUBLE[] AS issued_sorted
FROM t;
