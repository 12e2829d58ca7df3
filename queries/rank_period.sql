-- rank_period: the period's top earners, ranked overall or within each value of an attribute, with their rank in the previous period
-- params: $from TIMESTAMP, $to TIMESTAMP, $prev_from TIMESTAMP (nullable), $prev_to TIMESTAMP (nullable), $attribute VARCHAR (nullable), $top INTEGER, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: rank INTEGER, account_id VARCHAR, group_value VARCHAR (nullable), issued DOUBLE, share DOUBLE (nullable), group_share DOUBLE (nullable), previous_issued DOUBLE (nullable), previous_rank INTEGER (nullable)
-- grain: one row per account ranked `top` or better in its group (ties at the cut all kept); by group (null last), rank, account_id
--
-- Who is ranked: the accounts of the fairness population (participant_issued) that earned in P (issued > 0);
-- an account with nothing issued has no rank. issued = Σ earn points in P (metrics.md), positive adjustments and
-- received transfers are not earnings.
-- Ties: competition ranking ("1224"): equal issued share the best rank and the next rank skips (DuckDB rank());
-- the display order within a tie is account_id. The same rule ranks the previous period.
-- Groups: the account's attribute value from account_attributes (roster first, else its latest ledger row); the
-- same (current) value places the account in the previous period, so previous_rank is its rank within the same
-- group then. Without $attribute every row has group_value null and ranks are overall. Accounts without a value
-- form the group null, ranked among themselves.
-- share = issued / Σ issued of every account in P (not only the group's); group_share = issued / the group's Σ.
-- previous_rank is null when the account earned nothing in the previous period, or when there is none
-- ($prev_from null: the `all` period).
-- Scope ($scope_attribute/$scope_value, 35_scope.sql): only the scope's accounts are ranked, in both periods, so
-- ranks are 1..n among them and share is of the scope's Σ issued (a manager's ranking never shows program totals).
-- The current period's top is found without ranking every account: per group the `top`-th largest issued (max(issued,
-- $top), a bounded heap per group) is the cut; an account with at least that much ranks `top` or better, one with
-- less does not (at least `top` others earned more), so only the few at or above the cut are ranked.
-- The previous period is ranked for those few only: a rank window over every account of a group cost ~0.3 CPU s at
-- 100,000 accounts. Each group's accounts are counted per issued value (no sort: sorting every group's list cost
-- more than the count); an account's competition rank is 1 + the number who earned strictly more in its group.
WITH grp AS (
  SELECT account_id, value FROM account_attributes WHERE attribute = $attribute::VARCHAR
),
cur AS (
  SELECT c.account_id, g.value AS group_value, c.issued
  FROM participant_issued($from::TIMESTAMP, $to::TIMESTAMP) c
  LEFT JOIN grp g ON g.account_id = c.account_id
  WHERE c.issued > 0 AND ll_in_scope(c.account_id, $scope_attribute::VARCHAR, $scope_value)
),
prev AS (
  SELECT account_id, issued FROM participant_issued($prev_from::TIMESTAMP, $prev_to::TIMESTAMP)
  WHERE issued > 0 AND $prev_from::TIMESTAMP IS NOT NULL
    AND ll_in_scope(account_id, $scope_attribute::VARCHAR, $scope_value)
),
groups AS (
  SELECT group_value, sum(issued) AS group_issued, list_min(max(issued, $top::INTEGER)) AS cut
  FROM cur
  GROUP BY group_value
),
total AS (
  SELECT sum(group_issued) AS total_issued FROM groups
),
cur_ranked AS (
  SELECT c.account_id, c.group_value, c.issued, g.group_issued,
         rank() OVER (PARTITION BY c.group_value ORDER BY c.issued DESC) AS rank
  FROM cur c
  JOIN groups g ON g.group_value IS NOT DISTINCT FROM c.group_value
  WHERE c.issued >= g.cut
),
prev_values AS (
  SELECT g.value, p.issued, count(*) AS c
  FROM prev p LEFT JOIN grp g ON g.account_id = p.account_id
  GROUP BY ALL
),
prev_ranked AS (
  SELECT c.account_id, any_value(p.issued) AS issued, 1 + coalesce(sum(v.c) FILTER (WHERE v.issued > p.issued), 0) AS rank
  FROM cur_ranked c
  JOIN prev p ON p.account_id = c.account_id
  JOIN prev_values v ON v.value IS NOT DISTINCT FROM c.group_value
  GROUP BY c.account_id
)
SELECT r.rank::INTEGER AS rank,
       r.account_id,
       r.group_value,
       r.issued::DOUBLE AS issued,
       ll_ratio(r.issued, t.total_issued) AS share,
       ll_ratio(r.issued, r.group_issued) AS group_share,
       p.issued::DOUBLE AS previous_issued,
       p.rank::INTEGER AS previous_rank
FROM cur_ranked r
CROSS JOIN total t
LEFT JOIN prev_ranked p ON p.account_id = r.account_id
ORDER BY r.group_value NULLS LAST, r.rank, r.account_id;
