-- audit_burst_redeem: dormant accounts that earn a burst and redeem most of it within days
-- params: $from TIMESTAMP, $to TIMESTAMP, $dormant_days INTEGER, $burst_days INTEGER, $redeem_days INTEGER, $min_points DOUBLE, $redeem_share DOUBLE
-- returns: account_id VARCHAR, burst_day VARCHAR, idle_days INTEGER, burst DOUBLE, redeemed DOUBLE, last_day VARCHAR, event_ids VARCHAR[]
-- grain: one row per account and first burst day in [from, to); needs TEMP audit_account_day
-- Dormant: the account earned before, but nothing in the dormant_days before the burst's first day (an account's
-- first earning is not a return from dormancy). The rollup covers only a few weeks before `from`, so a day whose
-- previous rollup day is missing or older than dormant_days is a candidate, and its real idle time is read from
-- the ledger for the few candidates that also make a burst. A burst of min_points within burst_days has a day of
-- at least min_points / burst_days, so only accounts with such a day in the period are looked at (the lag window
-- over every account-day of a long period is what this avoids). Burst: issued in [day, day + burst_days) ≥
-- min_points. Cash-out: redeemed in [day, day + burst_days + redeem_days) ≥ redeem_share × burst.
WITH big AS (
  SELECT DISTINCT account_id FROM audit_account_day
  WHERE day >= $from::DATE AND day < $to::DATE AND issued >= $min_points / $burst_days
),
d AS (
  SELECT a.account_id, a.day, lag(a.day) OVER (PARTITION BY a.account_id ORDER BY a.day) AS prev_day
  FROM audit_account_day a SEMI JOIN big b ON b.account_id = a.account_id
),
starts AS (
  SELECT account_id, day FROM d
  WHERE day >= $from::DATE AND day < $to::DATE AND (prev_day IS NULL OR datediff('day', prev_day, day) > $dormant_days)
),
bursts AS (
  SELECT s.account_id, s.day, sum(a.issued) AS burst
  FROM starts s JOIN audit_account_day a
    ON a.account_id = s.account_id AND a.day >= s.day AND a.day < s.day + $burst_days::INTEGER
  GROUP BY ALL HAVING sum(a.issued) >= $min_points
),
idle AS (
  SELECT b.account_id, b.day, b.burst, datediff('day', max(l.occurred_at)::DATE, b.day)::INTEGER AS idle_days
  FROM bursts b JOIN ledger_clean l
    ON l.account_id = b.account_id AND l.event_type = 'earn' AND l.occurred_at < b.day::TIMESTAMP
  GROUP BY b.account_id, b.day, b.burst
  HAVING datediff('day', max(l.occurred_at)::DATE, b.day) > $dormant_days
),
rows AS (
  SELECT b.account_id, b.day, b.idle_days, b.burst, l.event_id, l.occurred_at, l.event_type, l.points
  FROM idle b JOIN ledger_clean l
    ON l.account_id = b.account_id AND l.occurred_at >= b.day::TIMESTAMP
   AND l.occurred_at < (b.day + ($burst_days + $redeem_days)::INTEGER)::TIMESTAMP
  WHERE (l.event_type = 'earn' AND l.occurred_at < (b.day + $burst_days::INTEGER)::TIMESTAMP) OR l.event_type = 'redeem'
)
SELECT account_id, strftime(day, '%Y-%m-%d') AS burst_day, any_value(idle_days) AS idle_days, any_value(burst)::DOUBLE AS burst,
       coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0)::DOUBLE AS redeemed,
       strftime(max(occurred_at), '%Y-%m-%d') AS last_day, list(event_id ORDER BY occurred_at, event_id) AS event_ids
FROM rows
GROUP BY account_id, day
HAVING coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0) >= $redeem_share * any_value(burst)
ORDER BY account_id, burst_day
