-- monthly_series: points issued, redeemed and expired per calendar month, and outstanding at each month's end
-- params: $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: month DATE, issued DOUBLE, redeemed DOUBLE, expired DOUBLE, outstanding DOUBLE
-- grain: one row per calendar month starting in [date_trunc('month', from), to), ascending; the last month is cut at `to`
--
-- issued = Σ earn, redeemed = −Σ redeem, expired = −Σ expire in the month (as in flows); a month without rows
-- gives 0 (the series is drawn, so every month has a value). outstanding = Σ points of every row before the
-- month's end (or before `to` for the last, cut month), whatever the type — the stock of stocks.sql at that instant.
-- From the scope's month sums (ll_scoped_months: rollup_day_rule when unfiltered, else the account × month rollup
-- when `to` is a 1st), whose last month is cut at `to`. Periods are whole days.
WITH days AS (
  SELECT month AS day, net, earn, redeem, expire
  FROM ll_scoped_months($to::DATE, $scope_attribute, $scope_value)
),
bounds AS (
  SELECT date_trunc('month', $from::DATE::TIMESTAMP)::DATE AS first_month
),
opening AS (
  SELECT coalesce(sum(net), 0) AS net FROM days, bounds WHERE day < first_month
),
months AS (
  SELECT m::DATE AS month
  FROM bounds, generate_series(first_month::TIMESTAMP, $to::DATE::TIMESTAMP - INTERVAL 1 MICROSECOND, INTERVAL 1 MONTH) AS g(m)
),
by_month AS (
  SELECT date_trunc('month', day)::DATE AS month,
         sum(net) AS net, sum(earn) AS earn, sum(redeem) AS redeem, sum(expire) AS expire
  FROM days, bounds
  WHERE day >= first_month
  GROUP BY 1
)
SELECT m.month,
       coalesce(b.earn, 0)::DOUBLE AS issued,
       (-coalesce(b.redeem, 0))::DOUBLE AS redeemed,
       (-coalesce(b.expire, 0))::DOUBLE AS expired,
       ((SELECT net FROM opening) + sum(coalesce(b.net, 0)) OVER (ORDER BY m.month ROWS UNBOUNDED PRECEDING))::DOUBLE AS outstanding
FROM months m
LEFT JOIN by_month b ON b.month = m.month
ORDER BY m.month;
