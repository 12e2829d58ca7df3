-- participant_retention: share of the previous period's active accounts that are active again in this period
-- params: $prev_from DATE, $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: active_previous INTEGER, active INTEGER, retained INTEGER, participant_retention_rate DOUBLE (nullable)
-- grain: one row for the period [from, to), whose previous period is [prev_from, from)
--
-- active(P) = accounts with a row in P other than expire (as in flows). retained = |active(P) ∩ active(prev P)|;
-- participant_retention_rate = retained / active_previous, null when active_previous = 0.
-- Read from ll_period_accounts (each account's sums over a period) within the scope, once per period (each is
-- month-aligned or not on its own); periods are whole days. An account with rows other than expire in a period
-- (n_active) is active in it.
-- The intersection is a semi join of the two periods' accounts (one row per account each), not a grouping of both.
WITH prev AS (
  SELECT account_id FROM ll_period_accounts($prev_from::DATE, $from::DATE, $scope_attribute, $scope_value)
  WHERE n_active > 0
),
cur AS (
  SELECT account_id FROM ll_period_accounts($from::DATE, $to::DATE, $scope_attribute, $scope_value)
  WHERE n_active > 0
),
t AS (
  SELECT (SELECT count(*) FROM prev) AS active_previous,
         (SELECT count(*) FROM cur) AS active,
         (SELECT count(*) FROM cur SEMI JOIN prev USING (account_id)) AS retained
)
SELECT active_previous::INTEGER AS active_previous,
       active::INTEGER AS active,
       retained::INTEGER AS retained,
       ll_ratio(retained, active_previous) AS participant_retention_rate
FROM t;
