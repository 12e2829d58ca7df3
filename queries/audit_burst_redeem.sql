-- audit_burst_redeem: dormant accounts that earn a burst far above their own pace and redeem most of it within days
-- params: $from TIMESTAMP, $to TIMESTAMP, $dormant_days INTEGER, $burst_days INTEGER, $redeem_days INTEGER, $quantile DOUBLE, $redeem_share DOUBLE, $kept BOOLEAN
-- returns: account_id VARCHAR, burst_day VARCHAR, idle_days INTEGER, burst DOUBLE, burst_n INTEGER, usual_award DOUBLE, usual_n DOUBLE, tests INTEGER, redeemed DOUBLE, last_day VARCHAR, event_ids VARCHAR[]
-- grain: one row per account and first burst day in [from, to); needs TEMP audit_account_day
-- Dormant: the account earned before, but nothing in the dormant_days before the burst's first day (an account's
-- first earning is not a return from dormancy). The rollup covers only a few weeks before `from`, so a day whose
-- previous rollup day is missing or older than dormant_days is a candidate, and its real idle time and earning
-- history are read from the ledger for those few candidates. No floor in points: the burst, counted in the
-- account's own usual awards (usual_award = its mean earn row before the gap), is judged by the check against the
-- account's own pace, usual_n = its earn rows before the gap per day of its earning span (at least 30 days, so one
-- early award is not read as a high pace) × burst_days, with a Poisson tail over `tests` = the dormant returns. Cash-out: redeemed in
-- [day, day + burst_days + redeem_days) ≥ redeem_share × burst (burst = points issued in the burst days). And the
-- burst must exceed the `quantile` of this ledger's account-days in the period: a rarely paid account's one
-- ordinary award after a leave is many of its own months but no more than an ordinary busy day.
-- A dormant start is the first account-day of its bucket of dormant_days + 1 days (an earlier day within the
-- dormancy would share its bucket), and the day before it is the last one of the account's previous bucket: the
-- window runs over a few rows per account, not over every account-day, and finds the same starts.
WITH buckets AS (
  SELECT account_id, (day - DATE '1970-01-01') // ($dormant_days + 1) AS bucket, min(day) AS first_day, max(day) AS last_day
  FROM audit_account_day
  GROUP BY ALL
),
starts AS (
  SELECT account_id, first_day AS day
  FROM (SELECT account_id, first_day, lag(last_day) OVER (PARTITION BY account_id ORDER BY bucket) AS prev_day FROM buckets)
  WHERE first_day >= $from::DATE AND first_day < $to::DATE
    AND (prev_day IS NULL OR datediff('day', prev_day, first_day) > $dormant_days)
),
-- The quantile from a histogram of the period's day totals (few distinct values): quantile_cont's own
-- lo + (hi − lo)·(r − ⌊r⌋) at rank r = (n − 1)·quantile of the sorted values, without sorting every account-day.
q_ranked AS (
  SELECT v, sum(c) OVER (ORDER BY v) AS upto, (sum(c) OVER () - 1) * $quantile AS r
  FROM (SELECT issued AS v, count(*) AS c FROM audit_account_day WHERE day >= $from::DATE AND day < $to::DATE GROUP BY ALL)
),
busy AS (
  SELECT lo + (hi - lo) * frac AS q
  FROM (SELECT min(v) FILTER (WHERE upto > floor(r)) AS lo, min(v) FILTER (WHERE upto > ceil(r)) AS hi,
               any_value(r - floor(r)) AS frac
        FROM q_ranked)
),
bursts AS (
  SELECT s.account_id, s.day, sum(a.issued) AS burst
  FROM starts s JOIN audit_account_day a
    ON a.account_id = s.account_id AND a.day >= s.day AND a.day < s.day + $burst_days::INTEGER
  GROUP BY ALL
  HAVING sum(a.issued) >= (SELECT q FROM busy)
),
-- The earning before each candidate's burst: account-day cells of rollup_account_day with $kept (same sums and
-- counts, exact), else the rows.
earned AS (
  SELECT account_id, day, points, n FROM rollup_account_day WHERE $kept AND event_type = 'earn'
  UNION ALL
  SELECT account_id, occurred_at::DATE, points, 1 FROM ledger_clean WHERE NOT $kept AND event_type = 'earn'
),
idle AS (
  SELECT b.account_id, b.day, b.burst, datediff('day', max(l.day), b.day)::INTEGER AS idle_days,
         sum(l.points) / sum(l.n)::BIGINT AS usual_award,
         $burst_days * sum(l.n)::BIGINT / greatest(30, datediff('day', min(l.day), max(l.day)) + 1) AS usual_n
  FROM bursts b JOIN earned l ON l.account_id = b.account_id AND l.day < b.day
  GROUP BY b.account_id, b.day, b.burst
  HAVING datediff('day', max(l.day), b.day) > $dormant_days
),
tests AS (SELECT count(*)::INTEGER AS tests FROM idle),
-- The candidates' rows of the period. Joined to `idle` directly, the planner (which cannot tell that a few
-- thousand candidates pass) hashes the whole period's rows; their accounts unnested from one list are estimated as
-- few, so the few are hashed and the rows stream past them.
cand_accounts AS (SELECT unnest(a) AS account_id FROM (SELECT list(DISTINCT account_id) AS a FROM idle)),
near AS (
  SELECT account_id, event_id, occurred_at, event_type, points
  FROM ledger_clean
  WHERE account_id IN (SELECT account_id FROM cand_accounts) AND event_type IN ('earn', 'redeem')
    AND occurred_at >= $from::TIMESTAMP
    AND occurred_at < ($to::TIMESTAMP::DATE + ($burst_days + $redeem_days)::INTEGER)::TIMESTAMP
),
rows AS (
  SELECT b.account_id, b.day, b.idle_days, b.burst, b.usual_award, b.usual_n, l.event_id, l.occurred_at, l.event_type, l.points
  FROM idle b JOIN near l
    ON l.account_id = b.account_id AND l.occurred_at >= b.day::TIMESTAMP
   AND l.occurred_at < (b.day + ($burst_days + $redeem_days)::INTEGER)::TIMESTAMP
  WHERE (l.event_type = 'earn' AND l.occurred_at < (b.day + $burst_days::INTEGER)::TIMESTAMP) OR l.event_type = 'redeem'
)
SELECT account_id, strftime(day, '%Y-%m-%d') AS burst_day, any_value(idle_days) AS idle_days, any_value(burst)::DOUBLE AS burst,
       count(*) FILTER (WHERE event_type = 'earn')::INTEGER AS burst_n, any_value(usual_award)::DOUBLE AS usual_award, any_value(usual_n)::DOUBLE AS usual_n,
       any_value((SELECT tests FROM tests)) AS tests,
       coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0)::DOUBLE AS redeemed,
       strftime(max(occurred_at), '%Y-%m-%d') AS last_day, list(event_id ORDER BY occurred_at, event_id) AS event_ids
FROM rows
GROUP BY account_id, day
HAVING coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0) >= $redeem_share * any_value(burst)
ORDER BY account_id, burst_day
