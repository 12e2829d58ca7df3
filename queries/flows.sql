-- flows: points moved in the period by kind, who moved them, and the ratios that need nothing else
-- params: $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: rows INTEGER, issued DOUBLE (nullable), deducted DOUBLE (nullable), redeemed DOUBLE (nullable), expired DOUBLE (nullable), adjusted_in DOUBLE (nullable), adjusted_out DOUBLE (nullable), transferred DOUBLE (nullable), active INTEGER, earners INTEGER, months DOUBLE, acquisition_rate DOUBLE (nullable), redemption_rate DOUBLE (nullable), inflation_ratio DOUBLE (nullable)
-- grain: one row for the period [from, to)
--
-- rows        ledger rows in P. When it is 0 the period is empty and every flow and ratio is null (nothing was
--             measured); otherwise a flow with no rows of its kind is 0.
-- issued      Σ points of earn rows. Positive adjustments and received transfers are NOT issued: they are
--             adjusted_in and transferred.
-- deducted, redeemed, expired   −Σ points of deduct / redeem / expire rows (positive numbers).
-- adjusted_in / adjusted_out    Σ of positive / −Σ of negative adjust rows.
-- transferred Σ of positive transfer rows (points received; the givers' rows mirror them).
-- active      distinct accounts with a row in P other than expire (an expiry is not an action of the member).
-- earners     distinct accounts with an earn row in P.
-- months      months(P): calendar months when P is month-aligned, else days / 30.4375.
-- acquisition_rate = issued / active / months; redemption_rate = redeemed / issued;
-- inflation_ratio = issued / (redeemed + expired). Each is null when its denominator is 0 or null.
-- Scope: the accounts ll_in_scope admits (NULL attribute: everyone). Periods are whole days.
-- The sums are program totals, read from ll_period_days (the scope's day × rule × type sums in P: rollup_day_rule
-- unfiltered); active and earners count accounts, read from ll_period_accounts (each account's activity in P, from
-- rollup_account_month for a month-aligned period, else rollup_account_day), so neither needs a distinct. Within a
-- report request both are tables made once and shared. Decimal sums stay exact until the final cast. Positive and
-- negative adjustments and transfers keep their sides.
WITH d AS (
  SELECT coalesce(sum(n), 0) AS rows,
         coalesce(sum(points) FILTER (WHERE event_type = 'earn'), 0) AS issued,
         -coalesce(sum(points) FILTER (WHERE event_type = 'deduct'), 0) AS deducted,
         -coalesce(sum(points) FILTER (WHERE event_type = 'redeem'), 0) AS redeemed,
         -coalesce(sum(points) FILTER (WHERE event_type = 'expire'), 0) AS expired,
         coalesce(sum(points_pos) FILTER (WHERE event_type = 'adjust'), 0) AS adjusted_in,
         -coalesce(sum(points_neg) FILTER (WHERE event_type = 'adjust'), 0) AS adjusted_out,
         coalesce(sum(points_pos) FILTER (WHERE event_type = 'transfer'), 0) AS transferred
  FROM ll_period_days($from::DATE, $to::DATE, $scope_attribute, $scope_value)
),
a AS (
  SELECT count(*) FILTER (WHERE n_active > 0) AS active, count(*) FILTER (WHERE n_earn > 0) AS earners
  FROM ll_period_accounts($from::DATE, $to::DATE, $scope_attribute, $scope_value)
),
t AS (
  SELECT d.*, a.active, a.earners, ll_months($from::DATE::TIMESTAMP, $to::DATE::TIMESTAMP) AS months
  FROM d, a
),
f AS (
  SELECT rows, active, earners, months,
         CASE WHEN rows > 0 THEN issued END AS issued,
         CASE WHEN rows > 0 THEN deducted END AS deducted,
         CASE WHEN rows > 0 THEN redeemed END AS redeemed,
         CASE WHEN rows > 0 THEN expired END AS expired,
         CASE WHEN rows > 0 THEN adjusted_in END AS adjusted_in,
         CASE WHEN rows > 0 THEN adjusted_out END AS adjusted_out,
         CASE WHEN rows > 0 THEN transferred END AS transferred
  FROM t
)
SELECT rows::INTEGER AS rows,
       issued::DOUBLE AS issued,
       deducted::DOUBLE AS deducted,
       redeemed::DOUBLE AS redeemed,
       expired::DOUBLE AS expired,
       adjusted_in::DOUBLE AS adjusted_in,
       adjusted_out::DOUBLE AS adjusted_out,
       transferred::DOUBLE AS transferred,
       active::INTEGER AS active,
       earners::INTEGER AS earners,
       months::DOUBLE AS months,
       ll_ratio(ll_ratio(issued, active), months) AS acquisition_rate,
       ll_ratio(redeemed, issued) AS redemption_rate,
       ll_ratio(issued, redeemed + expired) AS inflation_ratio
FROM f;
