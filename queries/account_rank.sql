-- account_rank: one account's rank among the earners of a period, as rank_period.sql ranks them (overall)
-- params: $from TIMESTAMP, $to TIMESTAMP, $account_id VARCHAR, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: rank INTEGER, issued DOUBLE, share DOUBLE, ranked INTEGER
-- grain: one row when the account earned in [from, to) (no row: not ranked)
-- The same population, ranking rule (competition, "1224") and share (of Σ issued of the ranked) as rank_period.sql,
-- so the account page and the Rankings page agree; within a scope, ranks are among the scope's accounts.
WITH cur AS (
  SELECT account_id, issued FROM participant_issued($from::TIMESTAMP, $to::TIMESTAMP)
  WHERE issued > 0 AND ll_in_scope(account_id, $scope_attribute::VARCHAR, $scope_value)
),
ranked AS (
  SELECT account_id, issued, rank() OVER (ORDER BY issued DESC) AS rank,
         issued / sum(issued) OVER () AS share, count(*) OVER () AS ranked
  FROM cur
)
SELECT rank::INTEGER AS rank, issued::DOUBLE AS issued, share::DOUBLE AS share, ranked::INTEGER AS ranked
FROM ranked
WHERE account_id = $account_id;
