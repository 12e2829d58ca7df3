-- audit_cap_near: accounts whose day totals cluster just below a daily cap: a rule's daily_cap, the per-account cap
-- params: $from TIMESTAMP, $to TIMESTAMP, $near_band DOUBLE, $min_days INTEGER, $account_cap DOUBLE
-- returns: kind VARCHAR, account_id VARCHAR, rule_id VARCHAR (nullable), days INTEGER, cap DOUBLE, first_day VARCHAR, last_day VARCHAR, event_ids VARCHAR[]
-- grain: one row per (account, rule) with at least min_days days whose rule-day total lies in [(1 − near_band)·cap,
-- cap) (kind 'rule'), and one per account with as many such account-days under the per-account cap (kind 'account',
-- rule_id NULL)
-- A total exactly at the cap is normal (fixed awards that add up to it, or a program clamping an award to the cap)
-- and is not counted; only amounts keyed to land just under it are. A NULL account cap is never near.
WITH rows AS (
  SELECT l.event_id, l.occurred_at, l.account_id, l.rule_id, l.points, c.daily_cap
  FROM ledger_clean l LEFT JOIN rule_catalog c ON c.rule_id = l.rule_id
  WHERE l.event_type = 'earn' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
),
d AS (
  SELECT 'rule' AS kind, account_id, rule_id, occurred_at::DATE AS day, sum(points) AS total,
         any_value(daily_cap)::DOUBLE AS cap, list(event_id ORDER BY occurred_at, event_id) AS ids
  FROM rows WHERE daily_cap IS NOT NULL
  GROUP BY account_id, rule_id, occurred_at::DATE
  UNION ALL
  SELECT 'account' AS kind, account_id, NULL::VARCHAR AS rule_id, occurred_at::DATE AS day, sum(points) AS total,
         $account_cap::DOUBLE AS cap, list(event_id ORDER BY occurred_at, event_id) AS ids
  FROM rows WHERE $account_cap::DOUBLE IS NOT NULL
  GROUP BY account_id, occurred_at::DATE
)
SELECT kind, account_id, rule_id, count(*)::INTEGER AS days, any_value(cap)::DOUBLE AS cap,
       strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day), '%Y-%m-%d') AS last_day,
       flatten(list(ids ORDER BY day)) AS event_ids
FROM d
WHERE total < cap AND total >= (1 - $near_band) * cap
GROUP BY kind, account_id, rule_id
HAVING count(*) >= $min_days
ORDER BY account_id, kind DESC, rule_id
