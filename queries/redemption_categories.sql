-- redemption_categories: the period's redemptions per reward category: rows, points, accounts, money cost and share of the cost
-- params: $from TIMESTAMP, $to TIMESTAMP, $point_value DOUBLE
-- returns: category VARCHAR (nullable), redemptions INTEGER, points DOUBLE, accounts INTEGER, cost DOUBLE, cost_share DOUBLE
-- grain: one row per category redeemed in P; by cost descending, then category; the category null (unknown) last
--
-- category: the redeem row's own category; when it has none, the item's category in the catalogue
-- (economics_items, from --items; matched on rule_id = item_id); else null, kept as a group of its own.
-- points and cost as in redemption_totals (cost per row: cash_value, else −points × point_value).
-- cost_share = the category's cost / the period's redemption cost (null when that is 0).
WITH r AS (
  SELECT coalesce(nullif(trim(l.category), ''), i.category) AS category,
         l.account_id,
         -l.points AS points,
         l.cash_value,
         CASE WHEN l.cash_value IS NULL THEN -l.points END AS uncashed
  FROM ledger_clean l
  LEFT JOIN economics_items i ON i.item_id = l.rule_id
  WHERE l.event_type = 'redeem' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
),
g AS (
  SELECT category, count(*) AS redemptions, sum(points) AS points, count(DISTINCT account_id) AS accounts,
         coalesce(sum(cash_value)::DOUBLE, 0) + coalesce(sum(uncashed)::DOUBLE, 0) * $point_value::DOUBLE AS cost
  FROM r GROUP BY category
)
SELECT category,
       redemptions::INTEGER AS redemptions,
       points::DOUBLE AS points,
       accounts::INTEGER AS accounts,
       cost,
       ll_ratio(cost, sum(cost) OVER ()) AS cost_share
FROM g
ORDER BY category IS NULL, cost DESC, category;
