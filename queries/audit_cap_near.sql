-- audit_cap_near: accounts whose rule-day totals cluster just below the rule's daily cap
-- params: $from TIMESTAMP, $to TIMESTAMP, $near_band DOUBLE, $min_days INTEGER
-- returns: account_id VARCHAR, rule_id VARCHAR, days INTEGER, cap DOUBLE, first_day VARCHAR, last_day VARCHAR, event_ids VARCHAR[]
-- grain: one row per (account, rule) with at least min_days days whose total lies in [(1 − near_band)·cap, cap)
-- A total exactly at the cap is normal (fixed awards that add up to it) and is not counted; only amounts keyed to
-- land just under it are.
WITH d AS (
  SELECT l.account_id, l.rule_id, l.occurred_at::DATE AS day, sum(l.points) AS total, any_value(c.daily_cap) AS cap,
         list(l.event_id ORDER BY l.occurred_at, l.event_id) AS ids
  FROM ledger_clean l JOIN rule_catalog c ON c.rule_id = l.rule_id AND c.daily_cap IS NOT NULL
  WHERE l.event_type = 'earn' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY l.account_id, l.rule_id, l.occurred_at::DATE
)
SELECT account_id, rule_id, count(*)::INTEGER AS days, any_value(cap)::DOUBLE AS cap,
       strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day), '%Y-%m-%d') AS last_day,
       flatten(list(ids ORDER BY day)) AS event_ids
FROM d
WHERE total < cap AND total >= (1 - $near_band) * cap
GROUP BY account_id, rule_id
HAVING count(*) >= $min_days
ORDER BY account_id, rule_id
