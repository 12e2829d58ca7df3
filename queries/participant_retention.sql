-- participant_retention: share of the previous period's active accounts that are active again in this period
-- params: $prev_from DATE, $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: active_previous INTEGER, active INTEGER, retained INTEGER, participant_retention_rate DOUBLE (nullable)
-- grain: one row for the period [from, to), whose previous period is [prev_from, from)
--
-- active(P) = accounts with a row in P other than expire (as in flows). retained = |active(P) ∩ active(prev P)|;
-- participant_retention_rate = retained / active_previous, null when active_previous = 0.
-- Read from rollup_account_day within the scope (ll_in_scope); periods are whole days.
WITH a AS (
  SELECT account_id,
         bool_or(day < $from::DATE) AS was_active,
         bool_or(day >= $from::DATE) AS is_active
  FROM rollup_account_day
  WHERE day >= $prev_from::DATE AND day < $to::DATE AND event_type <> 'expire'
    AND ll_in_scope(account_id, $scope_attribute, $scope_value)
  GROUP BY account_id
),
t AS (
  SELECT count(*) FILTER (WHERE was_active) AS active_previous,
         count(*) FILTER (WHERE is_active) AS active,
         count(*) FILTER (WHERE was_active AND is_active) AS retained
  FROM a
)
SELECT active_previous::INTEGER AS active_previous,
       active::INTEGER AS active,
       retained::INTEGER AS retained,
       ll_ratio(retained, active_previous) AS participant_retention_rate
FROM t;
