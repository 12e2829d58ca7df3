-- audit_burst_redeem: dormant accounts that earn a burst far above their own pace and redeem most of it within days
-- params: $from TIMESTAMP, $to TIMESTAMP, $dormant_days INTEGER, $burst_days INTEGER, $redeem_days INTEGER, $quantile DOUBLE, $redeem_share DOUBLE, $kept BOOLEAN
-- returns: account_id VARCHAR, burst_day VARCHAR, idle_days INTEGER, burst DOUBLE, burst_n INTEGER, burst_max DOUBLE, usual_award DOUBLE, usual_n DOUBLE, tests INTEGER, redeemed DOUBLE, last_day VARCHAR, event_ids VARCHAR[]
-- grain: one row per account and first burst day in [from, to); needs audit_account_day
-- Dormant, relative to the account's own pace: in the dormant_days before the burst's first day the account earned
-- fewer awards than it used to earn in burst_days (a stray award during a leave does not end the leave; an account's
-- first earning is not a return from dormancy, so it must have earned before the dormant window). Candidates come
-- from the rollup: days whose burst_days-th previous earning day is missing or older than dormant_days (fewer than
-- burst_days earning days in the window, a cheap superset for paces up to an award a day), whose burst exceeds the
-- `quantile` of this ledger's account-days in the period (a rarely paid account's one ordinary award after a leave is
-- many of its own months but no more than a busy day's pay), and that are the first such day of a run (a burst is
-- judged from its start). Their history is read per day (hist, below): usual_award = mean earn row before the dormant
-- window, usual_n = earn rows per day of that earning span (at least 30 days, so one early award is not read as a
-- high pace) × burst_days; the check judges the burst in usual awards against usual_n with a Poisson tail over
-- `tests` = the dormant returns judged (burst_max, the burst's largest award, counts as one award there: one large
-- reward after a leave is luck, two or more are a burst). Cash-out: redeemed in [day, day + burst_days + redeem_days) ≥ redeem_share ×
-- (burst − usual_award × usual_n): the burst (points issued in the burst days) beyond the account's own pay at its pace
-- in those days, so that the week's ordinary awards do not raise the share a farmer must cash out.
-- The account-day windows share one sort: every frame is over the day's number (dn), not over a DATE and a
-- TIMESTAMP interval, which would sort the million account-days twice. Each frame costs about as much again as the
-- sort, so the window keeps only the two the candidates are chosen by; `seen`, the day's earning days among its three
-- before it within dormant_days (a lower bound of the earn rows of its dormant window, n_seen below), is three lags
-- over that sort, a tenth of a frame. The window carries and lags the day number alone: the period and dormancy
-- tests below compare integers, and the dates and seen's three comparisons are computed for the candidates only,
-- not for the 3.6 M account-days of a year at 10 M rows (3.24 -> 3.07 CPU s for the whole query).
WITH d AS (
  SELECT account_id, dn, issued,
         lag(dn, $burst_days::INTEGER) OVER w AS back_dn,
         lag(dn, 1) OVER w AS dn1, lag(dn, 2) OVER w AS dn2, lag(dn, 3) OVER w AS dn3,
         sum(issued) OVER (w RANGE BETWEEN CURRENT ROW AND ($burst_days - 1) FOLLOWING) AS burst
  FROM (SELECT account_id, issued, (day - DATE '2000-01-01')::INTEGER AS dn FROM audit_account_day)
  WINDOW w AS (PARTITION BY account_id ORDER BY dn)
),
-- The floor is quantile_cont(issued, $quantile) over the period's account-days, read off a histogram of their
-- values (few distinct: 152 at a year of 10 M rows): DuckDB's own lo + (hi − lo)·(r − ⌊r⌋) at rank
-- r = (n − 1)·quantile of the sorted values, to the last bit (test/queries/audit-burst-floor.test.ts compares
-- both), for half the CPU of selecting it among 3.3 M values (0.24 -> 0.11 CPU s).
q_ranked AS (
  SELECT v, sum(c) OVER (ORDER BY v) AS upto, (sum(c) OVER () - 1)::DOUBLE * $quantile AS r
  FROM (SELECT issued AS v, count(*) AS c FROM audit_account_day WHERE day >= $from::DATE AND day < $to::DATE GROUP BY ALL)
),
floor AS (
  SELECT lo + (hi - lo) * frac AS q
  FROM (SELECT min(v) FILTER (WHERE upto > floor(r)) AS lo, min(v) FILTER (WHERE upto > ceil(r)) AS hi,
               any_value(r - floor(r)) AS frac
        FROM q_ranked)
),
-- back_dn more than dormant_days before dn, compared as day numbers: the same test as datediff's on the dates,
-- which cost twice as much over the 3.6 M account-days of a year at 10 M rows.
cand AS (
  SELECT account_id, dn, burst,
         ((dn1 >= dn - $dormant_days::INTEGER) IS TRUE)::INTEGER + ((dn2 >= dn - $dormant_days::INTEGER) IS TRUE)::INTEGER
           + ((dn3 >= dn - $dormant_days::INTEGER) IS TRUE)::INTEGER AS seen,
         lag(dn) OVER (PARTITION BY account_id ORDER BY dn) AS prev_cand
  FROM d
  WHERE dn >= ($from::TIMESTAMP::DATE - DATE '2000-01-01')::INTEGER AND dn < ($to::TIMESTAMP::DATE - DATE '2000-01-01')::INTEGER
    AND burst >= (SELECT q FROM floor) AND (back_dn IS NULL OR back_dn < dn - $dormant_days::INTEGER)
),
-- With $kept, a start that cannot pass the dormancy test of idle is left out before its history is read (most
-- are: an account a few awards a week has some in any 90 days), by two upper bounds of its pace there,
-- n_h / max(30, span), from its months' earn rows (rollup_account_month); idle needs n_lb ≤ n_w < burst_days × pace,
-- where n_lb, a lower bound of n_w (the earn rows of [day − dormant_days, day)), is the earn rows of the months
-- wholly inside that window (n_full), or n_seen when larger: the rows a remote source counted in the audit's window
-- (src/db/clickhouse/demand.ts; here `seen`, at most 3: counting every row per start in a frame cost more than the
-- months, which the bounds read anyway). The pace bounds read only the months up to m_cut (the one holding
-- day − dormant_days − 1): every row of the history lies in them. (1) A tenth of its busiest of those months: n_h
-- rows lie in max(30, span) consecutive days, which touch at most ⌊days / 28⌋ + 2 months, and that over the days is
-- at most 3 / 30. (2) c / d: the history is every earn row from the account's first (in its first month f) to the
-- last before day − dormant_days (last_h), so n_h ≤ c, the earn rows of the months up to the one holding
-- day − dormant_days − 1; and if some earlier month p has earn rows, last_h ≥ p's first day, so
-- max(30, span) ≥ d = max(30, p's first day − f's last day + 1). Bound (2) is compared in integers
-- (n_lb × d < burst_days × c), so no rounding can drop a start that idle would keep; the two leave about one start
-- in three hundred of a year at 10 M rows (one in sixty with n_seen 0). Without $kept every start is read (the
-- raw path the equality tests compare with).
first_starts AS (
  SELECT account_id, DATE '2000-01-01' + dn AS day, burst, seen::BIGINT AS n_seen,
         date_trunc('month', DATE '2000-01-01' + (dn - ($dormant_days + 1)::INTEGER))::DATE AS m_cut
  FROM cand
  WHERE prev_cand IS NULL OR dn - prev_cand >= $burst_days
),
-- Every start's m_cut is at or after m0 (the month of from − dormant_days − 1), so the months before m0 count in
-- every start's bound: they are added up once per account (old), and each start joins its months from m0 only.
-- In the same pass, the account's bounds over every month any start's m_cut can reach (months before
-- to − dormant_days − 1): busiest_all ≥ busiest and c_all ≥ c of every start, and d ≥ d_old (its first month is
-- old's, its last at or after old's last). Most starts fail the two bounds with those (bounded: of a year at 10 M
-- rows, one in twelve passes), so only those few join their months one by one in recent, which cost more than the
-- window when every start did. The months before m0 (early) are picked by CASE, not FILTER, and m0 is an
-- expression, not a joined one-row table: the same sums at about half the CPU of this pass over every account's
-- months (the FILTER aggregates and the cross product cost 0.4 of 5 CPU s at a year of 10 M rows).
old AS (
  SELECT account_id, max(CASE WHEN early THEN n_earn END) AS busiest, sum(CASE WHEN early THEN n_earn END) AS c,
         min(CASE WHEN early AND n_earn > 0 THEN month END) AS first_m,
         max(CASE WHEN early AND n_earn > 0 THEN month END) AS last_m,
         max(n_earn) AS busiest_all, sum(n_earn) AS c_all
  FROM (SELECT account_id, month, n_earn,
               month < date_trunc('month', $from::TIMESTAMP::DATE - ($dormant_days + 1)::INTEGER)::DATE AS early
        FROM rollup_account_month
        WHERE $kept AND month < $to::TIMESTAMP::DATE - ($dormant_days + 1)::INTEGER)
  GROUP BY account_id
),
bounded AS (
  SELECT s.* FROM first_starts s JOIN old o USING (account_id)
  WHERE 10 * s.n_seen < $burst_days * o.busiest_all
    AND s.n_seen * greatest(30, coalesce(datediff('day', o.first_m + INTERVAL 1 MONTH, o.last_m), 0))
        < $burst_days * o.c_all
),
recent AS (
  SELECT s.account_id, s.day, any_value(s.burst) AS burst, any_value(s.n_seen) AS n_seen,
         max(m.n_earn) FILTER (WHERE m.month <= s.m_cut) AS busiest, sum(m.n_earn) FILTER (WHERE m.month <= s.m_cut) AS c,
         min(m.month) FILTER (WHERE m.n_earn > 0 AND m.month <= s.m_cut) AS first_m,
         max(m.month) FILTER (WHERE m.n_earn > 0 AND m.month < s.m_cut) AS last_m,
         coalesce(sum(m.n_earn) FILTER (WHERE m.month > s.m_cut AND m.month + INTERVAL 1 MONTH <= s.day), 0) AS n_full
  FROM bounded s
  LEFT JOIN rollup_account_month m
    ON m.account_id = s.account_id AND m.month < s.day
   AND m.month >= date_trunc('month', $from::TIMESTAMP::DATE - ($dormant_days + 1)::INTEGER)::DATE
  WHERE $kept
  GROUP BY s.account_id, s.day
),
pace AS (
  SELECT r.account_id, r.day, r.burst, greatest(r.n_seen, r.n_full) AS n_lb,
         greatest(coalesce(o.busiest, 0), coalesce(r.busiest, 0)) AS busiest,
         coalesce(o.c, 0) + coalesce(r.c, 0) AS c,
         greatest(30, coalesce(datediff('day', coalesce(o.first_m, r.first_m) + INTERVAL 1 MONTH,
                                       coalesce(r.last_m, o.last_m)), 0)) AS d
  FROM recent r LEFT JOIN old o USING (account_id)
),
starts AS (
  SELECT account_id, day, burst FROM pace
  WHERE 10 * n_lb < $burst_days * busiest AND n_lb * d < $burst_days * c
  UNION ALL
  SELECT account_id, day, burst FROM first_starts WHERE NOT $kept
),
-- The starts' earning history per day: every bound below is a whole day, so with $kept rollup_earn_day (each
-- account-day's earn rows and their exact sum, narrower than rollup_account_day's rule cells) stands in for the rows. An IN list of the few accounts filters the
-- scan first (see near); every start is before `to`, so nothing from `to` on is read (the audit of an early month
-- skips the later row groups).
start_accounts AS (SELECT unnest(a) AS account_id FROM (SELECT list(DISTINCT account_id) AS a FROM starts)),
earned AS (
  SELECT account_id, day, n, points FROM rollup_earn_day
  WHERE $kept AND day < $to::TIMESTAMP::DATE
    AND account_id IN (SELECT account_id FROM start_accounts)
  UNION ALL
  SELECT account_id, occurred_at::DATE AS day, 1 AS n, points FROM ledger_clean
  WHERE NOT $kept AND event_type = 'earn' AND occurred_at < $to::TIMESTAMP
    AND account_id IN (SELECT account_id FROM start_accounts)
),
hist AS (
  SELECT s.account_id, s.day, s.burst,
         coalesce(sum(l.n) FILTER (WHERE l.day < s.day - $dormant_days::INTEGER), 0)::BIGINT AS n_h,
         sum(l.points) FILTER (WHERE l.day < s.day - $dormant_days::INTEGER) AS pts_h,
         min(l.day) AS first_h,
         max(l.day) FILTER (WHERE l.day < s.day - $dormant_days::INTEGER) AS last_h,
         coalesce(sum(l.n) FILTER (WHERE l.day >= s.day - $dormant_days::INTEGER), 0)::BIGINT AS n_w,
         max(l.day) AS last_earn
  FROM starts s JOIN earned l ON l.account_id = s.account_id AND l.day < s.day
  GROUP BY s.account_id, s.day, s.burst
),
idle AS (
  SELECT account_id, day, burst, datediff('day', last_earn, day)::INTEGER AS idle_days, pts_h / n_h AS usual_award,
         $burst_days * n_h / greatest(30, datediff('day', first_h, last_h) + 1) AS usual_n
  FROM hist
  WHERE n_h > 0 AND n_w < $burst_days * n_h / greatest(30, datediff('day', first_h, last_h) + 1)
),
tests AS (SELECT count(*)::INTEGER AS tests FROM idle),
-- The candidates' rows of the period. Joined to `idle` directly, the planner (which cannot tell that a few
-- thousand candidates pass) may hash the whole period's rows; their accounts unnested from one list are estimated
-- as few, so the few are hashed and the rows stream past them. The event type is tested only in `rows`, after
-- the accounts, and as a CASE the optimizer does not split: tested here (or as rows' OR, from which it derives
-- `earn OR redeem` and pushes it down), its string comparisons ran on every row of the period before the few
-- accounts were picked (0.3 CPU s at a year of 10 M rows). The IS NOT NULL on the list's side changes no answer:
-- a filtered build side is what makes DuckDB 1.5 hand the ledger scan a Bloom filter of the few accounts, so 13 k
-- of the period's 5 M rows leave the scan instead of all of them reaching the join (0.2 CPU s at a year of 10 M rows;
-- the same test on `earned` saved nothing: its scan then spent what the join no longer did).
cand_accounts AS (SELECT unnest(a) AS account_id FROM (SELECT list(DISTINCT account_id) AS a FROM idle)),
near AS (
  SELECT account_id, event_id, occurred_at, event_type, points
  FROM ledger_clean
  WHERE account_id IN (SELECT account_id FROM cand_accounts WHERE account_id IS NOT NULL)
    AND occurred_at >= $from::TIMESTAMP
    AND occurred_at < ($to::TIMESTAMP::DATE + ($burst_days + $redeem_days)::INTEGER)::TIMESTAMP
),
rows AS (
  SELECT b.account_id, b.day, b.idle_days, b.burst, b.usual_award, b.usual_n, l.event_id, l.occurred_at, l.event_type, l.points
  FROM idle b JOIN near l
    ON l.account_id = b.account_id AND l.occurred_at >= b.day::TIMESTAMP
   AND l.occurred_at < (b.day + ($burst_days + $redeem_days)::INTEGER)::TIMESTAMP
  WHERE CASE l.event_type WHEN 'earn' THEN l.occurred_at < (b.day + $burst_days::INTEGER)::TIMESTAMP
                          WHEN 'redeem' THEN true ELSE false END
)
SELECT account_id, strftime(day, '%Y-%m-%d') AS burst_day, any_value(idle_days) AS idle_days, any_value(burst)::DOUBLE AS burst,
       count(*) FILTER (WHERE event_type = 'earn')::INTEGER AS burst_n,
       coalesce(max(points) FILTER (WHERE event_type = 'earn'), 0)::DOUBLE AS burst_max, any_value(usual_award)::DOUBLE AS usual_award, any_value(usual_n)::DOUBLE AS usual_n,
       any_value((SELECT tests FROM tests)) AS tests,
       coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0)::DOUBLE AS redeemed,
       strftime(max(occurred_at), '%Y-%m-%d') AS last_day, list(event_id ORDER BY occurred_at, event_id) AS event_ids
FROM rows
GROUP BY account_id, day
HAVING coalesce(-sum(points) FILTER (WHERE event_type = 'redeem'), 0)
       >= $redeem_share * (any_value(burst) - any_value(usual_award) * any_value(usual_n))
ORDER BY account_id, burst_day
