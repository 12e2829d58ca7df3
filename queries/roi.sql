-- roi: what the period's redemptions cost, and the return on that cost for a benefit the user supplies
-- params: $from DATE, $to DATE, $point_value DOUBLE, $benefit DOUBLE (nullable), $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: redemptions INTEGER, valued_by_cash INTEGER, cost DOUBLE (nullable), benefit DOUBLE (nullable), roi DOUBLE (nullable)
-- grain: one row for the period [from, to)
--
-- cost = Σ over the redeem rows in P of cash_value when the row has one, else −points × point_value (a row
-- without a money value is valued at the program's point value). valued_by_cash counts the rows that had one.
-- cost is null when P has no rows at all (empty period), 0 when it has rows but no redemptions.
-- roi = (benefit − cost) / cost: null without a benefit (the ledger cannot know it) or when cost = 0.
-- From the day × rule × type sums of the scope in P (ll_period_days, shared within a report request): n_cash rows had a cash_value worth cash in all,
-- and points_cash were their points, so the points of the rows without one are points − points_cash.
WITH p AS (
  SELECT sum(n) AS rows,
         coalesce(sum(n) FILTER (WHERE event_type = 'redeem'), 0) AS redemptions,
         coalesce(sum(n_cash) FILTER (WHERE event_type = 'redeem'), 0) AS valued_by_cash,
         sum(cash) FILTER (WHERE event_type = 'redeem' AND n_cash > 0) AS cash,
         -sum(points - points_cash) FILTER (WHERE event_type = 'redeem' AND n > n_cash) AS points_without_cash
  FROM ll_period_days($from::DATE, $to::DATE, $scope_attribute, $scope_value)
),
c AS (
  SELECT redemptions, valued_by_cash,
         CASE WHEN rows > 0
              THEN coalesce(cash::DOUBLE, 0) + coalesce(points_without_cash::DOUBLE, 0) * $point_value::DOUBLE
         END AS cost
  FROM p
)
SELECT redemptions::INTEGER AS redemptions,
       valued_by_cash::INTEGER AS valued_by_cash,
       cost,
       $benefit::DOUBLE AS benefit,
       ll_ratio($benefit::DOUBLE - cost, cost) AS roi
FROM c;
