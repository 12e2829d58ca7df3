-- redemption_totals: the period's redemptions in points, rows, accounts and money, and the cost per active participant
-- params: $from TIMESTAMP, $to TIMESTAMP, $point_value DOUBLE
-- returns: rows INTEGER, redemptions INTEGER, points DOUBLE (nullable), accounts INTEGER, cost DOUBLE (nullable), valued_by_cash INTEGER, active INTEGER, cost_per_active DOUBLE (nullable), cost_per_redemption DOUBLE (nullable)
-- grain: one row for the period [from, to)
--
-- points = −Σ points of redeem rows (a positive number); accounts = distinct redeeming accounts.
-- cost: per row, cash_value when the row has one, else −points × point_value (as roi.sql), so a ledger that values
-- some redemptions in money and not others is still costed completely; valued_by_cash counts the former. The
-- money and the uncashed points are summed exactly (DECIMAL) and combined once, as roi.sql, so both agree.
-- active = accounts with a row in P other than expire (metrics.md); cost_per_active = cost / active: what the mall
-- costs per participant, redeeming or not. An empty period (rows = 0) has null points and cost, not 0.
WITH p AS (
  SELECT count(*) AS rows,
         count(*) FILTER (WHERE event_type = 'redeem') AS redemptions,
         -sum(points) FILTER (WHERE event_type = 'redeem') AS points,
         count(DISTINCT account_id) FILTER (WHERE event_type = 'redeem') AS accounts,
         sum(cash_value) FILTER (WHERE event_type = 'redeem') AS cash,
         -sum(points) FILTER (WHERE event_type = 'redeem' AND cash_value IS NULL) AS uncashed,
         count(cash_value) FILTER (WHERE event_type = 'redeem') AS valued_by_cash,
         count(DISTINCT account_id) FILTER (WHERE event_type <> 'expire') AS active
  FROM ledger_clean
  WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
c AS (
  SELECT *, coalesce(cash::DOUBLE, 0) + coalesce(uncashed::DOUBLE, 0) * $point_value::DOUBLE AS cost FROM p
)
SELECT rows::INTEGER AS rows,
       redemptions::INTEGER AS redemptions,
       CASE WHEN rows > 0 THEN coalesce(points, 0)::DOUBLE END AS points,
       accounts::INTEGER AS accounts,
       CASE WHEN rows > 0 THEN coalesce(cost, 0)::DOUBLE END AS cost,
       valued_by_cash::INTEGER AS valued_by_cash,
       active::INTEGER AS active,
       ll_ratio(CASE WHEN rows > 0 THEN coalesce(cost, 0) END, active) AS cost_per_active,
       ll_ratio(cost, redemptions) AS cost_per_redemption
FROM c;
