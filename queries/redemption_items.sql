-- redemption_items: the period's redemptions per reward item, and the catalogue's items nobody redeemed
-- params: $from TIMESTAMP, $to TIMESTAMP, $point_value DOUBLE
-- returns: item_id VARCHAR (nullable), name VARCHAR (nullable), category VARCHAR (nullable), in_catalog BOOLEAN, catalog_points DOUBLE (nullable), catalog_cash_value DOUBLE (nullable), redemptions INTEGER, points DOUBLE, accounts INTEGER, cost DOUBLE
-- grain: one row per item redeemed in P or listed in the catalogue; most redeemed first, never-redeemed (redemptions = 0) last, then item_id
--
-- The item of a redeem row is its rule_id (ledger-format.md: "the earning rule, or the reward item for a
-- redemption"); redeem rows without one form the item null. The catalogue is economics_items (--items; empty
-- without it). name: the catalogue's, else the rules table's name of that id. category: as redemption_categories
-- (the most frequent row category of the item, else the catalogue's). in_catalog: the catalogue lists it
-- (false for everything when no catalogue was given: the caller knows whether one was).
-- Items of the catalogue with no redemption in P have redemptions = 0, points = 0, cost = 0: the seeds'
-- value-perception check (rewards nobody wants).
WITH r AS (
  SELECT l.rule_id AS item_id,
         mode(nullif(trim(l.category), '')) AS row_category,
         count(*) AS redemptions,
         -sum(l.points) AS points,
         count(DISTINCT l.account_id) AS accounts,
         coalesce(sum(l.cash_value)::DOUBLE, 0)
           + coalesce((-sum(l.points) FILTER (WHERE l.cash_value IS NULL))::DOUBLE, 0) * $point_value::DOUBLE AS cost
  FROM ledger_clean l
  WHERE l.event_type = 'redeem' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY l.rule_id
)
SELECT coalesce(r.item_id, i.item_id) AS item_id,
       coalesce(i.name, c.name) AS name,
       coalesce(r.row_category, i.category) AS category,
       i.item_id IS NOT NULL AS in_catalog,
       i.points::DOUBLE AS catalog_points,
       i.cash_value::DOUBLE AS catalog_cash_value,
       coalesce(r.redemptions, 0)::INTEGER AS redemptions,
       coalesce(r.points, 0)::DOUBLE AS points,
       coalesce(r.accounts, 0)::INTEGER AS accounts,
       coalesce(r.cost, 0)::DOUBLE AS cost
FROM r
FULL JOIN economics_items i ON i.item_id = r.item_id
LEFT JOIN rule_catalog c ON c.rule_id = coalesce(r.item_id, i.item_id)
ORDER BY redemptions DESC, item_id NULLS LAST;
