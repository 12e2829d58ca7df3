-- participant_retention: share of the previous period's active accounts that are active again in this period
-- params: $prev_from TIMESTAMP, $from TIMESTAMP, $to TIMESTAMP
-- returns: active_previous INTEGER, active INTEGER, retained INTEGER, participant_retention_rate DOUBLE
-- grain: one row for the period [from, to), whose previous period is [prev_from, from)
--
-- active(P) = accounts with a row in P other than expire (as in flows). retained = |active(P) ∩ active(prev P)|;
-- participant_retention_rate = retained / active_previous, null when active_previous = 0.
WITH a AS (
  SELECT account_id,
         bool_or(occurred_at < $from::TIMESTAMP) AS was_active,
         bool_or(occurred_at >= $from::TIMESTAMP) AS is_active
  FROM ledger_clean
  WHERE occurred_at >= $prev_from::TIMESTAMP AND occurred_at < $to::TIMESTAMP AND event_type <> 'expire'
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
