-- audit_account_spike: account-days with a burst of one rule, more awards of a rule than the ledger pays it in a day, or more than the largest awards explain, with their own history and their peers' baseline
-- params: $from TIMESTAMP, $to TIMESTAMP, $window_days INTEGER, $award_min_days INTEGER, $top_awards DOUBLE, $z DOUBLE, $burst_alpha DOUBLE, $skip_days VARCHAR, $campaigns VARCHAR, $kept BOOLEAN
-- returns: account_id VARCHAR, day VARCHAR, issued DOUBLE, department VARCHAR, top_floor DOUBLE, award DOUBLE, repeats STRUCT(rule_id VARCHAR, n INTEGER, usual DOUBLE, rate DOUBLE, daily DOUBLE, levels STRUCT(n INTEGER, c INTEGER)[], cap DOUBLE (nullable))[] (nullable), tests INTEGER, rules INTEGER, history DOUBLE[], since INTEGER, peer_median DOUBLE, peer_mad DOUBLE, evidence STRUCT(event_id VARCHAR, rule_id VARCHAR (nullable), points DOUBLE, at DOUBLE)[]
-- grain: one row per candidate account-day in [from, to); needs audit_account_rule_day and audit_account_day
-- (src/db/audit-rollup.ts)
-- Three ways to be a candidate, all measured on this ledger (src/audit/checks/account-spike.ts and the README say why):
-- a burst or a count beyond the rule's daily maximum: some rule awarded to the account that day at least twice, above
-- its mean awards per account-day paid or reached by the other account-days less often than a Poisson count at the
-- rule's rate; or big: issued ≥ top_awards × the ledger's largest ordinary award (award: the largest mean award of a
-- rule paid on at least award_min_days account-days of the span, i.e. about monthly or more often; the check also
-- counts the day's large awards). repeats = every rule paid to the account that day at least twice (several can be:
-- a farmer's 19 awards of one rule beside two of a rule capped at two), each with its count n, its mean awards per
-- account-day paid (usual), its awards per active account-day of the span (rate, the burst's count model), its
-- awards per account-day from each account's first active day of the span, the ledger's paying days only (daily, the
-- Poisson rate of the continuation test: no day chosen for having the account's awards) and its
-- account-days of the span by count (levels, the day itself included), from which the check reads the rule's
-- ordinary daily maximum even when other abuse pays the rule more on a few days, and its declared daily cap in points
-- (cap, NULL when none: a count above it is cap_breach's flag). Baselines span window_days
-- before `from` to `to`, leaving out skip_days (comma-separated YYYY-MM-DD: the program-spike days, whose batch
-- payments say nothing about normal pay). campaigns: comma-separated YYYY-MM-DD|rule|multiplier (rule '' = every
-- rule), one per campaign day: a rule's mean award counts those days' points divided by the multiplier, so double
-- points days do not raise the yardstick above the rule's value. tests = the period's account-rule-days, rules = the rules paid in the span
-- (the check's Bonferroni counts). history = the account's active days in the window_days before the day (zero
-- days are absent; the check pads them); since = days from the account's first earn day in the whole ledger to the
-- day (first_earn): a new account's window starts there, a dormant one's activity before its window keeps it
-- whole. Peers = the same department's active account-days over the same span: median and unscaled MAD (computed
-- only for the candidates' departments). Only the few candidates reach the window join. A day whose count of some
-- rule a Poisson count at the rule's mean per account-day paid reaches with probability below burst_alpha /
-- (2 tests) (the check's burst threshold; its point probability, never more than its tail, is the test here, so no
-- day the check would keep is lost) is a candidate whatever its points (alone): a burst far beyond the rule's own
-- rate is evidence of its own, though its small awards leave the day below the peers'.
WITH skip AS (
  SELECT unnest(string_split($skip_days, ','))::DATE AS day WHERE $skip_days <> ''
),
camp AS (
  SELECT split_part(c, '|', 1)::DATE AS day, split_part(c, '|', 2) AS rule_id, max(split_part(c, '|', 3)::DOUBLE) AS mult
  FROM (SELECT unnest(string_split($campaigns, ',')) AS c) WHERE $campaigns <> '' GROUP BY ALL
),
span AS (
  SELECT * FROM audit_account_rule_day
  WHERE day >= $from::DATE - $window_days::INTEGER AND day < $to::DATE AND day NOT IN (SELECT day FROM skip)
),
-- department: the account's (account_attributes: the roster's, else its latest row's), the peer group; joined to
-- the account-days judged here rather than carried by each of them. Each department is numbered (k; 0 = '', the
-- group of accounts without one or with an empty one, which have no row here) and the span's millions of
-- account-days carry and are grouped by that number: a string per account-day to carry and hash cost about a third
-- of the peers' histogram. The candidates get the name back (cand0).
dept AS (
  SELECT account_id, value AS department, dense_rank() OVER (ORDER BY value) AS k
  FROM account_attributes WHERE attribute = 'department' AND value <> ''
),
-- The span's account-days, stored once for four readers: the peers' histogram (program-spike days left out),
-- the period's candidates and each candidate's trailing history (both with those days), and the count of active
-- account-days. Three scans of the account-day rollup (the readers before it) cost more than storing it once (measured at 10 M rows).
days AS MATERIALIZED (
  SELECT d.account_id, d.day, d.issued, d.n, coalesce(a.k, 0) AS k, d.day IN (SELECT day FROM skip) AS skipped
  FROM audit_account_day d LEFT JOIN dept a USING (account_id)
  WHERE d.day >= $from::DATE - $window_days::INTEGER AND d.day < $to::DATE
),
active AS (SELECT count(*) AS n FROM days WHERE NOT skipped),
-- The span's account-days on which an account could be paid: each account's days from its first active day of the
-- span on which the ledger paid anyone anything (a weekend or holiday without a row is no day a rule could pay), the
-- program-spike days left out. A rule's awards per such day is its rate as a count per day; per ACTIVE day (above)
-- a sparse rule's rate is inflated by the days it made active itself (a rule paid on a day in twenty-five, on a
-- ledger where an account is active one day in six, looked six times denser, and each chance pair was "beyond").
paid_days AS (SELECT DISTINCT day FROM days WHERE NOT skipped),
firsts AS (SELECT first, count(*) AS c FROM (SELECT min(day) AS first FROM days WHERE NOT skipped GROUP BY account_id) GROUP BY ALL),
eligible AS (SELECT sum(f.c * (SELECT count(*) FROM paid_days g WHERE g.day >= f.first)) AS n FROM firsts f),
-- Per rule, count and campaign multiplier (m) over the span: account-days, points paid and account-days in the
-- period. One pass over the span's cells feeds both rules and levels: two groupings of it would store the span. The
-- points are summed as whole cents (the ledger's DECIMAL(18, 2)), which doubles add exactly in any order below 2^53,
-- and divided by m per group: a sum of the points themselves as doubles depends on the order the threads add them
-- in, and award (so top_floor and the flags' wording) moved in its last bits from one audit of the same database to
-- the next (test/queries/audit-spike-award-order.test.ts).
rule_cells AS (
  -- Without campaigns no cell is looked up: the joins' multiplier of every cell cost a tenth of the pass.
  SELECT s.rule_id, s.n, CASE WHEN $campaigns = '' THEN 1 ELSE greatest(coalesce(a.mult, 1), coalesce(r.mult, 1)) END AS m,
         count(*) AS c, sum(round(s.issued * 100)) AS cents, count(*) FILTER (WHERE s.day >= $from::DATE) AS tests
  FROM span s
  LEFT JOIN camp a ON $campaigns <> '' AND a.day = s.day AND a.rule_id = ''
  LEFT JOIN camp r ON $campaigns <> '' AND r.day = s.day AND r.rule_id = s.rule_id
  GROUP BY ALL
),
-- The few multipliers of a rule and count added in one order, for the same reason.
rule_counts AS (
  SELECT rule_id, n, sum(c)::BIGINT AS c, sum(cents / 100 / m ORDER BY m) AS paid, sum(tests)::BIGINT AS tests
  FROM rule_cells GROUP BY rule_id, n
),
-- Per rule over the span: mean awards per account-day it was paid, awards per active account-day of the ledger,
-- the mean award and account-days paid. Sums, not medians, so the ledger is not sorted: a misconfigured day among a
-- month of ordinary ones moves a rule's mean award little.
rules AS (
  SELECT rule_id, (sum(n * c)::DOUBLE / sum(c)::DOUBLE) AS usual_n, sum(n * c)::DOUBLE / (SELECT n FROM active) AS rate,
         sum(n * c)::DOUBLE / (SELECT n FROM eligible) AS daily,
         sum(paid ORDER BY n) / sum(n * c) AS award, sum(c)::BIGINT AS days, sum(tests)::BIGINT AS tests
  FROM rule_counts
  GROUP BY rule_id
),
totals AS (
  SELECT sum(tests)::INTEGER AS tests, count(*)::INTEGER AS rules,
         max(award) FILTER (WHERE days >= $award_min_days) AS award
  FROM rules
),
-- Account-days of each rule by count: at_least(k) sums the levels ≥ k.
levels AS (SELECT rule_id, n, c FROM rule_counts),
-- Lists are sorted after they are built (list_sort of structs whose first field is the order): an ordered aggregate
-- keeps a sort buffer per group, and per candidate that filled the local database's memory through --source at
-- 100 M rows (test/clickhouse/spike-memory.test.ts).
rule_levels AS (
  SELECT rule_id, list_sort(list({'n': n::INTEGER, 'c': c::INTEGER}), 'ASC') AS levels FROM levels GROUP BY rule_id
),
counts AS (
  SELECT r.account_id, r.day, r.rule_id, r.n, u.usual_n, u.rate, u.daily,
         (r.day NOT IN (SELECT day FROM skip))::INTEGER AS self,
         r.n > u.usual_n AND r.n * ln(u.usual_n) - u.usual_n - lgamma(r.n + 1) < ln($burst_alpha / (2 * greatest(1, t.tests))) AS alone,
         sum(l.c) FILTER (WHERE l.n >= r.n) AS ge_n, sum(l.c) FILTER (WHERE l.n >= r.n - 1) AS ge_below
  FROM audit_account_rule_day r JOIN rules u USING (rule_id) JOIN levels l ON l.rule_id = r.rule_id CROSS JOIN totals t
  WHERE r.day >= $from::DATE AND r.day < $to::DATE AND r.n >= 2
  GROUP BY ALL
),
-- Days whose count of some rule is a candidate: above the rule's mean count per account-day paid (a burst?), or
-- reached by the other account-days less often than a Poisson count at the rule's rate would (beyond its maximum?).
-- rate ≥ daily (active days are among the eligible ones), so this keeps every day the check's test at daily keeps.
counted AS (
  SELECT account_id, day, bool_or(alone) AS alone FROM counts WHERE n > usual_n OR (ge_n - self) < (ge_below - self) * rate / n
  GROUP BY ALL
),
-- A counted day has a rule paid at least twice, so at least two earn rows: only those days and the big ones are
-- looked up in counted, not the period's millions of account-days.
cand00 AS (
  SELECT d.account_id, d.day, d.issued, $top_awards * t.award AS top_floor, t.award, t.tests, t.rules, d.k,
         coalesce(b.alone, false) AS alone
  FROM (SELECT d.account_id, d.day, d.issued, d.k FROM days d CROSS JOIN totals t
        WHERE d.day >= $from::DATE AND (d.n >= 2 OR d.issued >= $top_awards * t.award)) d
  CROSS JOIN totals t LEFT JOIN counted b USING (account_id, day)
  WHERE b.account_id IS NOT NULL OR d.issued >= $top_awards * t.award
),
cand0 AS (
  SELECT c.*, n.department FROM cand00 c JOIN (SELECT DISTINCT k, department FROM dept UNION SELECT 0, '') n USING (k)
),
-- The peers' median and MAD from a histogram of their day totals (account-days take few distinct values): the same
-- numbers as median() and mad() give — DuckDB's lo + (hi − lo)·(r − ⌊r⌋) at rank r = (n − 1)/2 of the sorted
-- values (test/queries/audit-spike-peers.test.ts compares both) — without sorting millions of account-days.
hist AS (
  SELECT k, v, c FROM (SELECT k, issued AS v, count(*) AS c FROM days WHERE NOT skipped GROUP BY ALL)
  WHERE k IN (SELECT k FROM cand0)
),
ranked AS (
  SELECT k, v, sum(c) OVER (PARTITION BY k ORDER BY v) AS upto,
         (sum(c) OVER (PARTITION BY k) - 1) * 0.5 AS r
  FROM hist
),
med AS (
  SELECT k, lo + (hi - lo) * frac AS peer_median
  FROM (SELECT k, min(v) FILTER (WHERE upto > floor(r)) AS lo, min(v) FILTER (WHERE upto > ceil(r)) AS hi,
               any_value(r - floor(r)) AS frac
        FROM ranked GROUP BY k)
),
dev AS (
  SELECT k, abs(h.v - m.peer_median) AS v, sum(h.c) AS c FROM hist h JOIN med m USING (k) GROUP BY ALL
),
dev_ranked AS (
  SELECT k, v, sum(c) OVER (PARTITION BY k ORDER BY v) AS upto,
         (sum(c) OVER (PARTITION BY k) - 1) * 0.5 AS r
  FROM dev
),
peer AS (
  SELECT k, any_value(m.peer_median)::DOUBLE AS peer_median,
         (min(v) FILTER (WHERE upto > floor(r)) + (min(v) FILTER (WHERE upto > ceil(r)) - min(v) FILTER (WHERE upto > floor(r))) * any_value(r - floor(r)))::DOUBLE AS peer_mad
  FROM dev_ranked JOIN med m USING (k) GROUP BY k
),
-- The peers' modified z (src/stats/robust-z.ts) must exceed z on the whole day's points before anything else is
-- read: the check judges a smaller amount (program-spike rows taken out, campaign rows divided), so this keeps every
-- day it could flag and drops most of the rest early; a burst that stands alone is kept whatever its points.
cand AS (
  SELECT c.*, p.peer_median, p.peer_mad
  FROM cand0 c JOIN peer p USING (k)
  WHERE c.alone OR CASE WHEN p.peer_mad > 0 THEN 0.6745 * (c.issued - p.peer_median) / p.peer_mad > $z ELSE c.issued <> p.peer_median END
),
-- Every rule paid to the candidate at least twice that day, with its mean count per account-day paid (usual), its
-- awards per active account-day (rate) and its account-days by count over the span (levels, the day itself in).
rep AS (
  SELECT c.account_id, c.day,
         list_sort(list({'rule_id': k.rule_id, 'n': k.n::INTEGER, 'usual': k.usual_n::DOUBLE, 'rate': k.rate::DOUBLE,
               'daily': k.daily::DOUBLE,
               'levels': l.levels, 'cap': g.daily_cap::DOUBLE}), 'ASC') AS repeats
  FROM cand c JOIN counts k USING (account_id, day) JOIN rule_levels l USING (rule_id)
  LEFT JOIN rule_catalog g USING (rule_id)
  GROUP BY ALL
),
-- Each candidate account's first earn day in the whole ledger: its first in the span (days), unless it earned before
-- the span, which only the candidates' accounts are looked up for (an IN list of them filters the scan, as
-- audit_burst_redeem.sql's earned does): with $kept in rollup_earn_day, its rows before the span's first day only;
-- else in the rows. Activity before an account's window, not within it, tells a dormant member from a new one.
cand_accounts AS (SELECT unnest(a) AS account_id FROM (SELECT list(DISTINCT account_id) AS a FROM cand)),
first_earn AS (
  SELECT account_id, min(day) AS first_day
  FROM (
    SELECT account_id, day FROM days WHERE account_id IN (SELECT account_id FROM cand_accounts)
    UNION ALL
    SELECT account_id, day FROM rollup_earn_day
    WHERE $kept AND day < $from::DATE - $window_days::INTEGER AND account_id IN (SELECT account_id FROM cand_accounts)
    UNION ALL
    SELECT account_id, occurred_at::DATE AS day FROM ledger_clean
    WHERE NOT $kept AND event_type = 'earn' AND occurred_at < ($from::DATE - $window_days::INTEGER)::TIMESTAMP
      AND account_id IN (SELECT account_id FROM cand_accounts)
  )
  GROUP BY account_id
),
own AS (
  SELECT c.account_id, c.day,
         list_transform(list_sort(list({'day': h.day, 'issued': h.issued}) FILTER (WHERE h.day IS NOT NULL), 'ASC'), x -> x.issued) AS history,
         (c.day - f.first_day)::INTEGER AS since
  FROM cand c
  JOIN first_earn f USING (account_id)
  LEFT JOIN days h
    ON h.account_id = c.account_id AND h.day >= c.day - $window_days::INTEGER AND h.day < c.day
  GROUP BY c.account_id, c.day, f.first_day
),
ev AS (
  SELECT l.account_id, l.occurred_at::DATE AS day,
         list_transform(list_sort(list({'t': l.occurred_at, 'event_id': l.event_id, 'rule_id': l.rule_id, 'points': l.points::DOUBLE}), 'ASC'),
                        x -> {'event_id': x.event_id, 'rule_id': x.rule_id, 'points': x.points, 'at': epoch(x.t)::DOUBLE}) AS evidence
  FROM ledger_clean l
  -- The day as a range of times: no cast of millions of rows' times to a date for the join key.
  SEMI JOIN cand c ON c.account_id = l.account_id AND l.occurred_at >= c.day AND l.occurred_at < c.day + 1
  WHERE l.event_type = 'earn' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
    -- The candidates' accounts as a filter of their own: a single-key join whose build side is filtered lets DuckDB
    -- hand the scan a Bloom filter of those accounts, so about 3 % of the period's rows are read whole (the test is
    -- needed for that, not for its answer).
    AND l.account_id IN (SELECT account_id FROM cand WHERE account_id IS NOT NULL)
  GROUP BY ALL
)
SELECT c.account_id, strftime(c.day, '%Y-%m-%d') AS day, c.issued, c.department, c.top_floor, c.award,
       p.repeats, c.tests, c.rules, coalesce(o.history, []::DOUBLE[]) AS history, o.since, c.peer_median, c.peer_mad, e.evidence
FROM cand c
JOIN own o USING (account_id, day)
LEFT JOIN rep p USING (account_id, day)
JOIN ev e USING (account_id, day)
ORDER BY c.account_id, c.day
