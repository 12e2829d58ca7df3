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
-- No account is ranked: the sums of the k largest come from max(issued, k) (a bounded heap) or, for the 1 %, the
-- k largest in order; an account is ranked 10 or better exactly when its issued is at least the 10th largest
-- (fewer than 10 others earned more), in either period.
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
agg AS (
  SELECT count(*) AS population,
         count(*) FILTER (WHERE issued > 0) AS earners,
         sum(issued) AS s,
         max(issued, 10) AS top10_values,
         ceil(0.01 * count(*))::BIGINT AS top1pct_n
  FROM cur
),
top1pct AS (
  SELECT sum(issued) AS top1pct FROM (SELECT issued FROM cur ORDER BY issued DESC LIMIT (SELECT top1pct_n FROM agg))
),
cut AS (
  SELECT (SELECT list_min(top10_values) FROM agg) AS cur_cut, (SELECT list_min(max(issued, 10)) FROM prev) AS prev_cut
),
top10 AS (
  SELECT c.account_id, p.issued >= cut.prev_cut AS was_top10
  FROM cur c
  CROSS JOIN cut
  LEFT JOIN prev p ON p.account_id = c.account_id
  WHERE c.issued > 0 AND c.issued >= cut.cur_cut
)
SELECT a.population::INTEGER AS population,
       a.earners::INTEGER AS earners,
       coalesce(a.s, 0)::DOUBLE AS issued,
       ll_ratio(coalesce(list_sum(a.top10_values), 0), a.s) AS top10_share,
       a.top1pct_n::INTEGER AS top1pct_n,
       ll_ratio(coalesce(t.top1pct, 0), a.s) AS top1pct_share,
       (SELECT count(*) FROM top10)::INTEGER AS top10_accounts,
       CASE WHEN $prev_from::TIMESTAMP IS NOT NULL
            THEN (SELECT count(*) FILTER (WHERE was_top10) FROM top10)::INTEGER END AS top10_overlap_previous
FROM agg a
CROSS JOIN top1pct t;
