-- rank_concentration: how much of the period's issued points the top holds, and how many of its top 10 were top 10 in the previous period
-- params: $from TIMESTAMP, $to TIMESTAMP, $prev_from TIMESTAMP (nullable), $prev_to TIMESTAMP (nullable), $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: population INTEGER, earners INTEGER, issued DOUBLE, top10_share DOUBLE (nullable), top1pct_n INTEGER, top1pct_share DOUBLE (nullable), top10_accounts INTEGER, top10_overlap_previous INTEGER (nullable)
-- grain: one row for the period [from, to), overall (never per group)
--
-- population = the fairness population (participant_issued: with a roster its eligible accounts, zeros included),
-- the same n as the report's top-10 % share; earners = those with issued > 0.
-- top10_share = Σ of the 10 largest issued / Σ issued (the top 10 ACCOUNTS, not the top 10 %: the report has
-- that one). top1pct_share = Σ of the ⌈0.01 n⌉ largest / Σ issued, n = population. Ties at a cut do not change
-- either sum. Both null when nothing was issued.
-- top10_accounts = accounts ranked 10 or better (competition ranking, so more than 10 when a tie straddles the
-- cut); top10_overlap_previous = how many of them were ranked 10 or better in the previous period; null when
-- there is no previous period ($prev_from null).
-- Scope ($scope_attribute/$scope_value, 35_scope.sql): population, sums and ranks are the scope's accounts' only, so
-- the shares are of the scope's issued and no program total shows through.
-- No account is ranked or sorted: each period's accounts are counted per issued value (sums repeat a lot), and a
-- value x held by c accounts with `above` accounts above it takes positions above + 1 … above + c from the top, so
-- the sum of the k largest adds x · clamp(k − above, 0, c) and the k-th largest is the least value with above < k
-- (a heap of the 10 largest and a sort for the 1 % cost more). An account is ranked 10 or better exactly when its
-- issued is at least the 10th largest (fewer than 10 others earned more), in either period: those few are matched
-- by id, not the whole periods.
WITH cur AS (
  SELECT account_id, issued
  FROM participant_issued($from::TIMESTAMP, $to::TIMESTAMP)
  WHERE ll_in_scope(account_id, $scope_attribute::VARCHAR, $scope_value)
),
prev AS (
  SELECT account_id, issued
  FROM participant_issued($prev_from::TIMESTAMP, $prev_to::TIMESTAMP)
  WHERE issued > 0 AND $prev_from::TIMESTAMP IS NOT NULL
    AND ll_in_scope(account_id, $scope_attribute::VARCHAR, $scope_value)
),
cur_values AS (
  SELECT issued, c, coalesce(sum(c) OVER (ORDER BY issued DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS above
  FROM (SELECT issued, count(*) AS c FROM cur GROUP BY issued)
),
prev_values AS (
  SELECT issued, coalesce(sum(c) OVER (ORDER BY issued DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS above
  FROM (SELECT issued, count(*) AS c FROM prev GROUP BY issued)
),
agg AS (
  SELECT sum(c)::BIGINT AS population,
         sum(c) FILTER (WHERE issued > 0) AS earners,
         sum(c * issued) AS s,
         sum(issued * greatest(0, least(c, 10 - above))) AS top10_sum,
         min(issued) FILTER (WHERE above < 10) AS cur_cut
  FROM cur_values
),
top1pct AS (
  SELECT ceil(0.01 * a.population)::BIGINT AS top1pct_n,
         (SELECT sum(issued * greatest(0, least(c, ceil(0.01 * a.population)::BIGINT - above))) FROM cur_values) AS top1pct
  FROM agg a
),
top10 AS (
  SELECT account_id IN (
           SELECT account_id FROM prev WHERE issued >= (SELECT min(issued) FILTER (WHERE above < 10) FROM prev_values)
         ) AS was_top10
  FROM cur
  WHERE issued > 0 AND issued >= (SELECT cur_cut FROM agg)
)
SELECT coalesce(a.population, 0)::INTEGER AS population,
       coalesce(a.earners, 0)::INTEGER AS earners,
       coalesce(a.s, 0)::DOUBLE AS issued,
       ll_ratio(coalesce(a.top10_sum, 0), a.s) AS top10_share,
       coalesce(t.top1pct_n, 0)::INTEGER AS top1pct_n,
       ll_ratio(coalesce(t.top1pct, 0), a.s) AS top1pct_share,
       (SELECT count(*) FROM top10)::INTEGER AS top10_accounts,
       CASE WHEN $prev_from::TIMESTAMP IS NOT NULL
            THEN (SELECT count(*) FILTER (WHERE was_top10) FROM top10)::INTEGER END AS top10_overlap_previous
FROM agg a
CROSS JOIN top1pct t;
