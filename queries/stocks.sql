-- stocks: outstanding points at the period's edges, the liability, and lifetime totals up to the period's end
-- params: $from DATE, $to DATE, $point_value DOUBLE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: outstanding_start DOUBLE (nullable), outstanding DOUBLE (nullable), liability DOUBLE (nullable), points_retention_rate DOUBLE (nullable), issued_lifetime DOUBLE (nullable), redeemed_lifetime DOUBLE (nullable), expired_lifetime DOUBLE (nullable), redemption_rate_lifetime DOUBLE (nullable), breakage DOUBLE (nullable)
-- grain: one row for the period [from, to)
--
-- outstanding(t) = Σ points of every row with occurred_at < t, whatever its type (= the sum of all balances at
-- t). outstanding_start = outstanding(from), outstanding = outstanding(to). A stock is null when the ledger has no
-- row before its instant: the export does not say what was outstanding before it begins.
-- liability = outstanding(to) × point_value.
-- points_retention_rate = outstanding(to) / outstanding(from) (the seeds' 积分留存率; may exceed 1); null when
-- outstanding(from) ≤ 0.
-- issued_lifetime / redeemed_lifetime / expired_lifetime: Σ earn, −Σ redeem, −Σ expire over rows before `to`.
-- redemption_rate_lifetime = redeemed_lifetime / issued_lifetime; breakage = expired_lifetime / issued_lifetime.
-- Periods are whole days. From the scope's month sums up to each instant (ll_scoped_months: rollup_day_rule when
-- unfiltered, else the account × month rollup when the instant is a 1st), read once per instant so that a period
-- that does not start on a 1st still counts only the rows before `from`.
WITH upto AS (
  SELECT false AS at_from, n, net, earn, redeem, expire FROM ll_scoped_months($to::DATE, $scope_attribute, $scope_value)
  UNION ALL
  SELECT true, n, net, earn, redeem, expire FROM ll_scoped_months($from::DATE, $scope_attribute, $scope_value)
),
t AS (
  SELECT coalesce(sum(n) FILTER (WHERE NOT at_from), 0) AS rows_to,
         coalesce(sum(n) FILTER (WHERE at_from), 0) AS rows_from,
         coalesce(sum(net) FILTER (WHERE NOT at_from), 0) AS sum_to,
         coalesce(sum(net) FILTER (WHERE at_from), 0) AS sum_from,
         coalesce(sum(earn) FILTER (WHERE NOT at_from), 0) AS issued,
         -coalesce(sum(redeem) FILTER (WHERE NOT at_from), 0) AS redeemed,
         -coalesce(sum(expire) FILTER (WHERE NOT at_from), 0) AS expired
  FROM upto
),
s AS (
  SELECT CASE WHEN rows_from > 0 THEN sum_from END AS outstanding_start,
         CASE WHEN rows_to > 0 THEN sum_to END AS outstanding,
         CASE WHEN rows_to > 0 THEN issued END AS issued_lifetime,
         CASE WHEN rows_to > 0 THEN redeemed END AS redeemed_lifetime,
         CASE WHEN rows_to > 0 THEN expired END AS expired_lifetime
  FROM t
)
SELECT outstanding_start::DOUBLE AS outstanding_start,
       outstanding::DOUBLE AS outstanding,
       outstanding::DOUBLE * $point_value::DOUBLE AS liability,
       CASE WHEN outstanding_start > 0 THEN ll_ratio(outstanding, outstanding_start) END AS points_retention_rate,
       issued_lifetime::DOUBLE AS issued_lifetime,
       redeemed_lifetime::DOUBLE AS redeemed_lifetime,
       expired_lifetime::DOUBLE AS expired_lifetime,
       ll_ratio(redeemed_lifetime, issued_lifetime) AS redemption_rate_lifetime,
       ll_ratio(expired_lifetime, issued_lifetime) AS breakage
FROM s;
