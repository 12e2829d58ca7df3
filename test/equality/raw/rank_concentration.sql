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
WITH cur AS (
  SELECT account_id, issued,
         row_number() OVER (ORDER BY issued DESC, account_id) AS pos,
         rank() OVER (ORDER BY issued DESC) AS rank,
         count(*) OVER () AS n
  FROM participant_issued($from::TIMESTAMP, $to::TIMESTAMP)
  WHERE ll_in_scope(account_id, $scope_attribute::VARCHAR, $scope_value)
),
prev AS (
  SELECT account_id, rank() OVER (ORDER BY issued DESC) AS rank
  FROM participant_issued($prev_from::TIMESTAMP, $prev_to::TIMESTAMP)
  WHERE issued > 0 AND $prev_from::TIMESTAMP IS NOT NULL
    AND ll_in_scope(account_id, $scope_attribute::VARCHAR, $scope_value)
),
agg AS (
  SELECT count(*) AS population,
         count(*) FILTER (WHERE c.issued > 0) AS earners,
         sum(c.issued) AS s,
         coalesce(sum(c.issued) FILTER (WHERE c.pos <= 10), 0) AS top10,
         coalesce(sum(c.issued) FILTER (WHERE c.pos <= ceil(0.01 * c.n)), 0) AS top1pct,
         coalesce(max(ceil(0.01 * c.n)), 0) AS top1pct_n,
         count(*) FILTER (WHERE c.issued > 0 AND c.rank <= 10) AS top10_accounts,
         count(*) FILTER (WHERE c.issued > 0 AND c.rank <= 10 AND p.rank <= 10) AS overlap
  FROM cur c LEFT JOIN prev p ON p.account_id = c.account_id
)
SELECT population::INTEGER AS population,
       earners::INTEGER AS earners,
       coalesce(s, 0)::DOUBLE AS issued,
       ll_ratio(top10, s) AS top10_share,
       top1pct_n::INTEGER AS top1pct_n,
       ll_ratio(top1pct, s) AS top1pct_share,
       top10_accounts::INTEGER AS top10_accounts,
       CASE WHEN $prev_from::TIMESTAMP IS NOT NULL THEN overlap::INTEGER END AS top10_overlap_previous
FROM agg;
