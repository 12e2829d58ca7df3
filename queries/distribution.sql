-- distribution: how unequally the period's issued points fell across the fairness population
-- params: $from DATE, $to DATE, $max_points INTEGER, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
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
--              independent re-computation. Empty when n = 0.
-- One sort (ranks and running sums share one window order, ties broken by account) and one aggregate:
-- the Gini from Σ i·x, Theil T as Σ x ln x / S − ln μ.
WITH r AS (
  SELECT issued::DOUBLE AS x, on_roster,
         row_number() OVER w AS i,
         sum(issued) OVER (w ROWS UNBOUNDED PRECEDING)::DOUBLE AS cum,
         count(*) OVER () AS n,
         sum(issued) OVER ()::DOUBLE AS s
  FROM participant_issued($from::DATE, $to::DATE, $scope_attribute, $scope_value)
  WINDOW w AS (ORDER BY issued, account_id)
),
t AS (
  SELECT count(*) AS n,
         count(*) FILTER (WHERE NOT on_roster) AS not_on_roster,
         count(*) FILTER (WHERE x = 0) AS zeros,
         count(*) FILTER (WHERE x > 0) AS n_nonzero,
         sum(x) AS s,
         sum(i * x) AS s_ix,
         sum(ll_xlnx(x)) AS s_xlnx,
         sum(x) FILTER (WHERE i > n - ceil(0.1 * n)) AS top_sum,
         list({'k': i::INTEGER, 'p': i / n, 'l': cum / s} ORDER BY i)
           FILTER (WHERE s > 0 AND (i % greatest(1, ceil(n / greatest($max_points::INTEGER, 1))) = 0 OR i = n)) AS lorenz_tail,
         list(x ORDER BY i) AS issued_sorted
  FROM r
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
       CASE WHEN s > 0 THEN list_concat([{'k': 0, 'p': 0.0::DOUBLE, 'l': 0.0::DOUBLE}], lorenz_tail)
            ELSE [] END::STRUCT(k INTEGER, p DOUBLE, l DOUBLE)[] AS lorenz,
       coalesce(issued_sorted, [])::DOUBLE[] AS issued_sorted
FROM t;
