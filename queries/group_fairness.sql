-- group_fairness: the fairness population split by one attribute: each group's mean issued points against the
-- reference, its Gini, and Theil T decomposed into between-group and within-group parts
-- params: $from DATE, $to DATE, $attribute VARCHAR, $reference VARCHAR (nullable), $min_group_size INTEGER, $low DOUBLE, $high DOUBLE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: value VARCHAR (nullable), n INTEGER, total DOUBLE, mean_issued DOUBLE, sd_issued DOUBLE (nullable), gini DOUBLE (nullable), theil_group DOUBLE (nullable), disparity DOUBLE (nullable), small BOOLEAN, outside_band BOOLEAN, is_reference BOOLEAN, theil DOUBLE (nullable), theil_between DOUBLE (nullable), theil_within DOUBLE (nullable), theil_between_share DOUBLE (nullable)
-- grain: one row per value of the attribute in the population (value NULL = accounts without one), largest group first; the last four columns describe the whole population and repeat on every row
--
-- The attribute arrives as a value ($attribute) matched against account_attributes: never spliced into SQL.
-- Population and x as in distribution. Per group g: n_g, total S_g, mean μ_g, sample SD (null when n_g = 1),
-- gini (population Gini within g; null when S_g = 0), theil_group (Theil T within g; null when S_g = 0).
-- disparity = μ_g / μ_ref, where μ_ref is the overall mean μ, or the mean of the group whose value is
-- $reference when one is given; null when μ_ref = 0. outside_band: disparity < $low or > $high (the four-fifths
-- band, 0.8–1.25 by default). small: n_g < $min_group_size — the group is shown and marked "too small to
-- judge", never dropped. is_reference: this is the $reference group.
-- theil_between T_b = Σ_g (n_g / n)(μ_g/μ) ln(μ_g/μ) = Σ_g (S_g/S) ln(μ_g/μ) (PySAL TheilD bg);
-- theil_within = T − T_b; theil_between_share = T_b / T (null when T = 0). All null when S = 0.
-- Computed from per-group sums (Σ x, Σ i·x with ranks inside the group, Σ x ln x), so the accounts are read once:
-- Gini_g = (2 Σ i x − (n_g + 1) S_g) / (n_g S_g); T_g = Σ x ln x / S_g − ln μ_g; T = Σ x ln x / S − ln μ.
-- Ranks as in distribution.sql, without sorting the accounts: a value x held by c accounts of the group with r0
-- below it takes ranks r0 + 1 … r0 + c, so Σ i·x adds x (c·r0 + c(c + 1)/2) over the group's distinct values, an
-- exact decimal sum (no DOUBLE sum in value order, which cost a sort per group); r0 is the running count to the value
-- less its own count (a window framed to the row before cost three times as much).
WITH x AS (
  SELECT p.issued, a.value
  FROM participant_issued($from::DATE, $to::DATE, $scope_attribute, $scope_value) p
  LEFT JOIN (SELECT account_id, value FROM account_attributes WHERE attribute = $attribute::VARCHAR) a
    ON a.account_id = p.account_id
),
-- The accounts grouped once by group and value (sums of points repeat a lot): every sum below reads these rows.
v AS (
  SELECT value, issued, issued::DOUBLE AS x, count(*) AS c FROM x GROUP BY value, issued
),
ranked AS (
  SELECT value,
         sum(issued * (c * r0 + c * (c + 1) // 2))::DOUBLE AS s_ix,
         sum(c * ll_xlnx(x) ORDER BY x) AS s_xlnx
  FROM (
    SELECT value, issued, x, c,
           sum(c) OVER (PARTITION BY value ORDER BY issued) - c AS r0
    FROM v
  )
  GROUP BY value
),
-- S_g and the sample SD from exact decimal sums (Σ x, Σ x², each value's count times it): no DOUBLE sum over
-- accounts, whose result would depend on the order rows are stored in.
g AS (
  SELECT s.value, s.n_g, s.s_g::DOUBLE AS s_g,
         CASE WHEN s.n_g > 1 THEN sqrt(greatest(0, ((s.n_g * s.sxx - s.s_g * s.s_g) / (s.n_g * (s.n_g - 1)))::DOUBLE)) END AS sd_g,
         r.s_ix, r.s_xlnx
  FROM (
    SELECT value, sum(c)::BIGINT AS n_g, sum(c * issued) AS s_g, sum(c * (issued * issued)) AS sxx
    FROM v
    GROUP BY value
  ) s
  JOIN ranked r ON r.value IS NOT DISTINCT FROM s.value
),
overall AS (
  SELECT sum(n_g) AS n, sum(s_g ORDER BY value) AS s, sum(s_xlnx ORDER BY value) AS s_xlnx FROM g
),
decomposition AS (
  SELECT s_xlnx / s - ln(s / n) AS theil,
         (SELECT sum(g.s_g / o.s * ln((g.s_g / g.n_g) / (o.s / o.n)) ORDER BY g.value) FROM g WHERE g.s_g > 0) AS theil_between
  FROM overall o
  WHERE s > 0
),
ref AS (
  SELECT CASE WHEN $reference::VARCHAR IS NULL THEN (SELECT s / n FROM overall)
              ELSE (SELECT s_g / n_g FROM g WHERE value = $reference::VARCHAR) END AS mu_ref
)
SELECT g.value,
       g.n_g::INTEGER AS n,
       g.s_g::DOUBLE AS total,
       (g.s_g / g.n_g)::DOUBLE AS mean_issued,
       g.sd_g::DOUBLE AS sd_issued,
       CASE WHEN g.s_g > 0 THEN (2 * g.s_ix - (g.n_g + 1) * g.s_g) / (g.n_g * g.s_g) END AS gini,
       CASE WHEN g.s_g > 0 THEN g.s_xlnx / g.s_g - ln(g.s_g / g.n_g) END AS theil_group,
       ll_ratio(g.s_g / g.n_g, ref.mu_ref) AS disparity,
       g.n_g < $min_group_size::INTEGER AS small,
       coalesce(ll_ratio(g.s_g / g.n_g, ref.mu_ref) NOT BETWEEN $low::DOUBLE AND $high::DOUBLE, false) AS outside_band,
       coalesce(g.value = $reference::VARCHAR, false) AS is_reference,
       d.theil::DOUBLE AS theil,
       d.theil_between::DOUBLE AS theil_between,
       (d.theil - d.theil_between)::DOUBLE AS theil_within,
       ll_ratio(d.theil_between, d.theil) AS theil_between_share
FROM g
CROSS JOIN ref
LEFT JOIN decomposition d ON true
ORDER BY g.n_g DESC, g.value NULLS LAST;
