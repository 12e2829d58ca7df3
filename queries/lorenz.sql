-- lorenz: points of the Lorenz curve of issued points over the fairness population, thinned for drawing
-- params: $from TIMESTAMP, $to TIMESTAMP, $max_points INTEGER
-- returns: k INTEGER, p DOUBLE, l DOUBLE
-- grain: one row per kept point, ascending k; no rows when n = 0 or S = 0 (the curve is undefined)
--
-- The curve is (k/n, Σ_{i≤k} x_(i) / S) for k = 0..n (x ascending). For drawing, only k = 0, every
-- step-th k and k = n are kept, step = ⌈n / max_points⌉, so at most max_points + 2 rows come back. The kept
-- points lie exactly on the curve (nothing is interpolated); the Gini is computed from all n (distribution).
WITH r AS (
  SELECT row_number() OVER w AS k,
         count(*) OVER () AS n,
         sum(issued) OVER (w ROWS UNBOUNDED PRECEDING) AS cum,
         sum(issued) OVER () AS s
  FROM participant_issued($from::TIMESTAMP, $to::TIMESTAMP)
  -- one total order (ties broken by account) so that k and the running sum count the same rows
  WINDOW w AS (ORDER BY issued, account_id)
),
step AS (
  SELECT greatest(1, ceil(any_value(n) / greatest($max_points::INTEGER, 1))) AS step FROM r
)
SELECT 0 AS k, 0.0::DOUBLE AS p, 0.0::DOUBLE AS l
WHERE EXISTS (SELECT 1 FROM r WHERE s > 0)
UNION ALL
SELECT k::INTEGER, (k / n)::DOUBLE, (cum / s)::DOUBLE
FROM r, step
WHERE s > 0 AND (k % step = 0 OR k = n)
ORDER BY k;
