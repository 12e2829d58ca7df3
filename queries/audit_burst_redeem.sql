-- audit_burst_redeem: dormant accounts that earn a burst far above their own pace and redeem most of it within days
-- params: $from TIMESTAMP, $to TIMESTAMP, $dormant_days INTEGER, $burst_days INTEGER, $redeem_days INTEGER, $month_ratio DOUBLE, $redeem_share DOUBLE
-- returns: account_id VARCHAR, burst_day VARCHAR, idle_days INTEGER, burst DOUBLE, usual_month DOUBLE, redeemed DOUBLE, last_day VARCHAR, event_ids VARCHAR[]
-- grain: one row per account and first burst day in [from, to); needs TEMP audit_account_day
-- Dormant: the account earned before, but nothing in the dormant_days before the burst's first day (an account's
-- first earning is not a return from dormancy). The rollup covers only a few weeks before `from`, so a day whose
-- previous rollup day is missing or older than dormant_days is a candidate, and its real idle time and earning
-- history are read from the ledger for those few candidates. No floor in points: the burst (issued in
-- [day, day + burst_days)) is judged against the account's own usual month, its earnings before the gap per 30 days
-- of its earning span (at least 30 days, so one early award is not read as a high pace), and must reach
-- month_ratio × that. Cash-out: redeemed in [day, day + burst_days + redeem_days) ≥ redeem_share × burst.
WITH d AS (
  SELECT account_id, day, lag(day) OVER (PARTITION BY account_id ORDER BY day) AS prev_day FROM audit_account_day
),
starts AS (
  SELECT account_id, day FROM d
  WHERE day >= $from::DATE AND day < $to::DATE AND (prev_day IS NULL OR datediff('day', prev_day, day) > $dormant_days)
),
bursts AS (
  SELECT s.account_id, s.day, sum(a.issued) AS burst
  FROM starts s JOIN audit_account_day a
    ON a.account_id = s.account_id AND a.day >= s.day AND a.day < s.day + $burst_days::INTEGER
  GROUP BY ALL
),
idle AS (
  SELECT b.account_id, b.day, b.burst, datediff('day', max(l.occurred_at)::DATE, b.day)::INTEGER AS idle_days,
         30 * sum(l.points) / greatest(30, datediff('day', min(l.occurred_at)::DATE, max(l.occurred_at)::DATE) + 1) AS usual_month
  FROM bursts b JOIN ledger_clean l
    ON l.account_id = b.account_id AND l.event_type = 'earn' AND l.occurred_at < b.day::TIMESTAMP
  GROUP BY b.account_id, b.day, b.burst
  HAVING datediff('day', max(l.occurred_at)::DATE, b.day) > $dormant_days AND b.burst >= $month_ratio * usual_month
),
rows AS (
  SELECT b.account_id, b.day, b.idle_days, b.burst, b.usual_month, l.event_id, l.occurred_at, l.event_type, l.points
  FROM idle b JOIN ledger_clean l
    ON l.account_id = b.account_id AND l.occurred_at >= b.day::TIMESTAMP
   AND l.occurred_at < (b.day + ($burst_days + $redeem_days)::INTEGER)::TIMESTAMP
  WHERE (l.event_type = 'earn' AND l.occurred_at < (b.day + $burst_days::INTEGER)::TIMESTAMP) OR l.event_type = 'redeem'
)
SELECT account_id, strftime(day, '%Y-%m-%d') AS burst_day, any_value(idle_days) AS idle_days, any_value(burst)::DOUBLE AS burst,
       any_value(usual_month)::DOUBLE AS usual_month,
       coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0)::DOUBLE AS redeemed,
       strftime(max(occurred_at), '%Y-%m-%d') AS last_day, list(event_id ORDER BY occurred_at, event_id) AS event_ids
FROM rows
GROUP BY account_id, day
HAVING coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0) >= $redeem_share * any_value(burst)
ORDER BY account_id, burst_day
