-- roi: what the period's redemptions cost, and the return on that cost for a benefit the user supplies
-- params: $from TIMESTAMP, $to TIMESTAMP, $point_value DOUBLE, $benefit DOUBLE (nullable)
-- returns: redemptions INTEGER, valued_by_cash INTEGER, cost DOUBLE, benefit DOUBLE, roi DOUBLE
-- grain: one row for the period [from, to)
--
-- cost = Σ over the redeem rows in P of cash_value when the row has one, else −points × point_value (a row
-- without a money value is valued at the program's point value). valued_by_cash counts the rows that had one.
-- cost is null when P has no rows at all (empty period), 0 when it has rows but no redemptions.
-- roi = (benefit − cost) / cost: null without a benefit (the ledger cannot know it) or when cost = 0.
WITH p AS (
  SELECT count(*) AS rows,
         count(*) FILTER (WHERE event_type = 'redeem') AS redemptions,
         count(cash_value) FILTER (WHERE event_type = 'redeem') AS valued_by_cash,
         sum(cash_value) FILTER (WHERE event_type = 'redeem') AS cash,
         -sum(points) FILTER (WHERE event_type = 'redeem' AND cash_value IS NULL) AS points_without_cash
  FROM ledger_clean
  WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
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
