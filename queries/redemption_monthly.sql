-- redemption_monthly: per calendar month, the points redeemed and their share of the points outstanding at the month's start
-- params: $from TIMESTAMP, $to TIMESTAMP, $point_value DOUBLE
-- returns: month DATE, redemptions INTEGER, redeemed DOUBLE, cost DOUBLE, outstanding_start DOUBLE (nullable), share_of_outstanding DOUBLE (nullable)
-- grain: one row per calendar month overlapping [from, to), ascending; the first and last months are cut at from and to
--
-- redeemed = −Σ redeem points in the month (within [from, to)); cost as redemption_totals (cash_value, else
-- −points × point_value). outstanding_start = the stock (Σ points of every row, any type) at the month's start, or
-- at `from` for a cut first month; null when no row precedes that instant (the export does not say what was
-- outstanding before it begins, as stocks.sql).
-- share_of_outstanding = redeemed / outstanding_start: how much of the stock the mall absorbed that month; null
-- when outstanding_start is null or ≤ 0. Points earned and redeemed within the month count in the numerator but
-- not in the denominator, so the share can exceed 1 in a program that redeems as fast as it issues.
-- A month without rows has 0 redemptions and 0 redeemed.
WITH months AS (
  SELECT m AS month_start
  FROM generate_series(date_trunc('month', $from::TIMESTAMP), $to::TIMESTAMP - INTERVAL 1 MICROSECOND, INTERVAL 1 MONTH) AS g(m)
),
opening AS (
  SELECT coalesce(sum(points), 0) AS balance, count(*) AS rows FROM ledger_clean WHERE occurred_at < $from::TIMESTAMP
),
by_month AS (
  SELECT date_trunc('month', occurred_at) AS month_start,
         count(*) AS rows,
         sum(points) AS net,
         count(*) FILTER (WHERE event_type = 'redeem') AS redemptions,
         -sum(points) FILTER (WHERE event_type = 'redeem') AS redeemed,
         coalesce(sum(cash_value) FILTER (WHERE event_type = 'redeem')::DOUBLE, 0)
           + coalesce((-sum(points) FILTER (WHERE event_type = 'redeem' AND cash_value IS NULL))::DOUBLE, 0) * $point_value::DOUBLE AS cost
  FROM ledger_clean
  WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
  GROUP BY 1
),
series AS (
  SELECT m.month_start,
         coalesce(b.redemptions, 0) AS redemptions,
         coalesce(b.redeemed, 0) AS redeemed,
         coalesce(b.cost, 0) AS cost,
         o.balance + coalesce(sum(b.net) OVER before, 0) AS stock,
         o.rows + coalesce(sum(b.rows) OVER before, 0) AS rows_before
  FROM months m
  CROSS JOIN opening o
  LEFT JOIN by_month b ON b.month_start = m.month_start
  WINDOW before AS (ORDER BY m.month_start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT month_start::DATE AS month,
       redemptions::INTEGER AS redemptions,
       redeemed::DOUBLE AS redeemed,
       cost::DOUBLE AS cost,
       CASE WHEN rows_before > 0 THEN stock::DOUBLE END AS outstanding_start,
       CASE WHEN rows_before > 0 AND stock > 0 THEN redeemed::DOUBLE / stock::DOUBLE END AS share_of_outstanding
FROM series
ORDER BY month;
