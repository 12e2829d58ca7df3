-- audit_concentration: givers and approvers favouring one receiver beyond what the receiver's peers explain
-- params: $from TIMESTAMP, $to TIMESTAMP, $share DOUBLE, $min_count INTEGER, $min_receivers INTEGER
-- returns: giver VARCHAR, role VARCHAR, test VARCHAR, receiver VARCHAR, rule_id VARCHAR (null unless test = 'rule'), hits INTEGER, top_points DOUBLE, total_points DOUBLE, movements INTEGER, receivers INTEGER (null for test = 'rule'), expected DOUBLE, peer_n DOUBLE (null unless test = 'share' or a rule test's pass 2), others_n DOUBLE (null unless test = 'share' or a rule test's pass 2), spread DOUBLE (null unless test = 'share'), tests INTEGER, event_ids VARCHAR[], amounts DOUBLE[] (null unless role = 'giver'), amount_n INTEGER[] (null unless role = 'giver')
-- grain: one row per candidate (giver, receiver) of the share and split tests and per candidate (approver, receiver,
-- rule) of the rule test, in [from, to)
-- role 'approver': positive approved rows (earn, adjust) by approver → account, self-approval left to its own
-- check; role 'giver': transfers, giver's row (< 0) → counterparty. Givers with fewer than min_count movements or
-- min_receivers receivers are left out: small totals and one-person teams concentrate by construction.
-- Three tests, each with the receiver's own peers or own activity as the baseline (the check turns them into p-values
-- and corrects for the number tested; only candidates past a cheap prefilter are returned):
-- share: a giver's top receiver (by points, at least `share` of them) against the giver's other receivers on a log
--   scale: hits = the top receiver's movements, peer_n = the geometric mean of the others' (d = ln(hits / peer_n)),
--   others_n = the Poisson variance of that mean's log, spread = this ledger's spread of the same d for every
--   receiver of every giver (1.4826 × the median over givers of their receivers' median |d|, per role, so a giver
--   with a thousand receivers weighs as one): how unequal ordinary receivers of one giver are in this ledger;
--   tests = (giver, receiver) pairs judged, since the top one of each giver's receivers is picked.
-- split: a receiver signed off by several of a team's approvers should get from approver g about the share g
--   typically signs for a receiver (expected = the median over g's receivers of g's rows / their rows from g and g's
--   co-approvers: a median, so a favourite's flood of rows from a co-approver does not make g's ordinary share for
--   everyone else look high); movements = the receiver's rows signed by g or a co-approver, hits = the rows g signed
--   for them, tests = pairs tested. Prefilter: 3 binomial sd above expectation.
--   A giver's share candidate also carries the giver's transfer amounts (amounts, each distinct amount once, with its
--   count in amount_n): the check weighs the top receiver's points against the giver's transfers sent to receivers at
--   random, so a few large gifts beside many small ones are judged by what they carry.
-- rule: one approver's favour that goes through particular rules: of the days on which g awarded rule x to anyone
--   (movements), the receiver's days (hits) against the receiver's share of the other rules' award-days that g gave
--   the receivers of rule x (expected: the rule's own peers, so a batch run of another rule to everyone once does not
--   shrink it); counted in days, so a one-day burst weighs one day, and a busy receiver is busy in every rule. tests
--   = (approver, receiver, rule) cells tested. Prefilter: 3 binomial sd above expectation, 4 with 100 cells or more
--   (a flag then needs p < 1e-5, about 4.3 normal sd, and a binomial's right tail is heavier than the normal's).
--   Pass 2: favour spread over several rules raises the receiver's share of the other rules too, so each rule hides
--   the next (a manager adding awards of two or three everyday rules). Where a pair has two or more rules more than
--   two binomial sd above that baseline (elevated), each elevated rule is judged again against the receiver's
--   award-days of the rules not elevated (peer_n = num) and those rules' award-days that g gave the receivers of x
--   (others_n = den; expected = num / den), conditionally: hits of hits + num draws from kx + den days of which kx
--   are x's (Fisher's exact test). The conditional test carries the few baseline rules' own noise and their choice (a rule left out for being high
--   only lowers the baseline); a pass-2 cell counts as one more test. A favourite's flood swells every teammate's
--   baseline: pass 1 judges each cell of a receiver other than the approver's top one (largest pass-1 z above 2) also
--   without the top one's award-days and keeps the weaker result, and the elevated rules are chosen on that.
WITH approved AS MATERIALIZED (
  -- The approved rows: the pairs and the rule test both read them. Not grouped per (approver, receiver, rule, day)
  -- here: at 10 M rows nearly every such cell is one row (1,166,378 cells of 1,166,379 rows in a year), so that
  -- grouping cost a seventh of the query and reduced nothing; the rule test groups days for the multi-row pairs alone.
  SELECT approver_id AS giver, account_id AS receiver, coalesce(rule_id, '') AS rule_id, occurred_at, points
  FROM ledger_clean
  WHERE approver_id IS NOT NULL AND approver_id <> account_id AND points > 0 AND event_type IN ('earn', 'adjust')
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
pairs AS (
  SELECT giver, 'approver' AS role, receiver, sum(points) AS amount, count(*) AS n FROM approved GROUP BY giver, receiver
  UNION ALL
  SELECT account_id, 'giver', counterparty_id, sum(-points), count(*)
  FROM ledger_clean
  WHERE event_type = 'transfer' AND points < 0 AND counterparty_id IS NOT NULL
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
  GROUP BY account_id, counterparty_id
),
-- How many of a giver's receivers had n movements, and their points: a few rows per giver, read by givers and loo
-- below. givers adds them up: one pass over the pairs serves both (a second one for givers' totals was a twentieth
-- of the query's CPU at 10 M rows).
counts AS (SELECT giver, role, n, count(*) AS c, sum(amount) AS amount, max(amount) AS top_amount FROM pairs GROUP BY ALL),
-- Same answer on every run: the logs and inverses are added per distinct count as exact decimals (a parallel sum of
-- doubles depends on the threads' order; the scales keep more digits than a double has), a double only at the end.
-- Summed from counts, the casts meet a few rows per giver, not every pair.
givers AS MATERIALIZED (
  SELECT giver, role, sum(amount) AS total, sum(n * c) AS movements, sum(c)::BIGINT AS receivers,
         max(top_amount) AS top_amount, sum(ln(n)::DECIMAL(38, 24) * c)::DOUBLE AS sum_ln,
         sum((1.0 / n)::DECIMAL(38, 30) * c)::DOUBLE AS sum_inv
  FROM counts GROUP BY ALL
),
judged AS (SELECT * FROM givers WHERE movements >= $min_count AND receivers >= $min_receivers AND total > 0),
-- Each receiver against the mean log count of the giver's other receivers (leave one out: the test's own statistic).
-- d depends on the receiver's count alone, so it is computed per distinct count (a few per giver; c receivers each),
-- and a giver's median |d| comes from that histogram: the value median() gives, lo + (hi − lo)·(r − ⌊r⌋) at rank
-- r = (N − 1)/2 of the sorted values, without a row per receiver (a million pairs on a large program).
-- The pairs are counted per (giver, role, n) (counts) before the join with judged: the join meets a few rows per giver.
loo AS (
  SELECT h.giver, h.role, h.n, h.c, ln(h.n) - (g.sum_ln - ln(h.n)) / (g.receivers - 1) AS d
  FROM counts h JOIN judged g USING (giver, role)
),
loo_abs AS (SELECT giver, role, abs(d) AS v, sum(c) AS c FROM loo GROUP BY ALL),
loo_ranked AS (
  SELECT giver, role, v, sum(c) OVER (PARTITION BY giver, role ORDER BY v) AS upto,
         (sum(c) OVER (PARTITION BY giver, role) - 1) * 0.5 AS r
  FROM loo_abs
),
giver_spread AS (
  SELECT giver, role, lo + (hi - lo) * frac AS mad
  FROM (SELECT giver, role, min(v) FILTER (WHERE upto > floor(r)) AS lo, min(v) FILTER (WHERE upto > ceil(r)) AS hi,
               any_value(r - floor(r)) AS frac
        FROM loo_ranked GROUP BY giver, role)
),
spread AS (SELECT role, 1.4826 * median(mad) AS spread, (SELECT sum(c) FROM loo l WHERE l.role = s.role) AS tests FROM giver_spread s GROUP BY role),
-- The top receiver is looked up for the givers past the share alone; on a tie in points it is the one of more
-- movements (the stronger evidence: the first by name could hide 20 transfers behind 2 large ones), then the first
-- by name (same answer on every run). Picked in givers' aggregate of every pair (arg_min over (-amount, receiver)), it cost
-- a twentieth of the query at 10 M rows.
flagged AS (
  SELECT g.giver, g.role, 'share' AS test, l.receiver AS top, NULL AS rule_id, l.n AS hits, g.top_amount, g.total, g.movements,
         g.receivers, 1.0 / g.receivers AS expected, exp((g.sum_ln - ln(l.n)) / (g.receivers - 1)) AS peer_n,
         (g.sum_inv - 1.0 / l.n) / ((g.receivers - 1) * (g.receivers - 1)) AS others_n, s.spread, s.tests
  FROM judged g JOIN pairs l ON l.giver = g.giver AND l.role = g.role AND l.amount = g.top_amount
  JOIN spread s ON s.role = g.role
  WHERE g.top_amount >= $share * g.total
  QUALIFY row_number() OVER (PARTITION BY g.giver, g.role ORDER BY l.n DESC, l.receiver) = 1
),
-- The approver pairs read where they are used: pairs is stored already, and storing this filter of it again copied
-- the year's 1.15 M approver-receiver rows at 10 M rows (about a tenth of the query's CPU).
ap AS NOT MATERIALIZED (SELECT giver, receiver, n, amount FROM pairs WHERE role = 'approver'),
-- g's co-approvers: approvers at least half of whose receivers are g's too (a team's other managers, not the points
-- administrators or directors who sign a few rows for everyone: those rows do not grow with a receiver's activity).
-- Counting shared receivers pairs every approver of a receiver with every other (about k² per receiver with k
-- approvers, 14.4 M pairs at 10 M rows): ll_co_approvers (src/db/co-approvers.ts) counts them from the approver ×
-- receiver pairs as integer ids and returns the co-approver pairs alone. As rows here (each receiver's approvers
-- unnested with themselves, grouped by the pair) the count was a fifth of the check's CPU, and seven other SQL forms
-- of it were no cheaper. An approver's receivers are counted in givers already.
ap_id AS (SELECT giver, row_number() OVER (ORDER BY giver)::INTEGER AS gi, receivers FROM givers WHERE role = 'approver'),
-- Receivers as integer ids too, the ones with two approvers or more (one approver pairs no one). The function takes
-- the pairs as one flat list of (receiver, approver) structs: a list per receiver (grouped here) cost three times
-- numbering the receivers and joining the ids (0.31 against 0.1 CPU s at 10 M rows).
rcv_id AS (SELECT receiver, row_number() OVER ()::INTEGER AS ri FROM ap GROUP BY receiver HAVING count(*) >= 2),
co_ids AS (
  SELECT unnest(ll_co_approvers(list({'r': r.ri, 'g': g.gi}),
                                (SELECT list(receivers::INTEGER ORDER BY gi) FROM ap_id)),
                recursive := true)
  FROM ap a JOIN rcv_id r USING (receiver) JOIN ap_id g USING (giver)
),
co AS (SELECT g.giver, c.giver AS co FROM co_ids s JOIN ap_id c ON c.gi = s.c JOIN ap_id g ON g.gi = s.g),
-- Per (g, receiver): the receiver's rows signed by g or a co-approver of g (g's own row plus its co-approvers' rows
-- for the same receiver, so only real co-approver pairs are joined).
co_rows AS (
  SELECT co.giver, a.receiver, sum(a.n) AS n, sum(a.amount) AS amount, count(*) AS approvers
  FROM co JOIN ap a ON a.giver = co.co GROUP BY co.giver, a.receiver
),
gp AS (
  SELECT p.giver, p.receiver, p.n, p.amount, p.n + coalesce(c.n, 0) AS rn, p.amount + coalesce(c.amount, 0) AS ramount,
         1 + coalesce(c.approvers, 0) AS approvers
  FROM ap p LEFT JOIN co_rows c USING (giver, receiver)
  -- An approver without co-approvers has no receiver with approvers >= 2: none of its pairs is tested, nor counted
  -- in tests, and its median (gtot) is never read, so its pairs are left out before the join (most approvers of a
  -- program whose approvers sign for everyone at random).
  WHERE p.giver IN (SELECT giver FROM co)
),
gtot AS (
  SELECT giver, sum(n) AS gn, sum(rn) AS g_all, count(*) AS receivers, median(n::DOUBLE / rn) AS typical
  FROM gp GROUP BY giver
),
tested AS (
  SELECT gp.*, g.receivers, g.typical AS p0, count(*) OVER () AS tests
  FROM gp JOIN gtot g USING (giver)
  WHERE gp.approvers >= 2 AND g.receivers >= $min_receivers AND g.gn >= $min_count AND g.g_all > gp.rn AND g.gn > gp.n
),
split AS (
  SELECT giver, 'approver' AS role, 'split' AS test, receiver AS top, NULL AS rule_id, n AS hits, amount AS top_amount,
         ramount AS total, rn AS movements, receivers, least(p0, 1.0) AS expected, NULL AS peer_n, NULL AS others_n,
         NULL AS spread, tests
  FROM tested WHERE p0 < 1 AND n > rn * p0 + 3 * sqrt(rn * p0 * (1 - p0))
),
-- Rule test: award-days per (approver, receiver, rule). Only a receiver with award-days of other rules from g
-- (kr > k) is tested or adds to k_other, and kr is at most the pair's rows (ap.n): the cells are grouped for the
-- pairs with two rows or more only, most pairs of a large program being a single award.
multi AS (
  SELECT giver, receiver FROM ap WHERE n >= 2 AND giver IN (SELECT giver FROM judged WHERE role = 'approver')
),
-- One pass over the judged approvers' rows serves both: grouped per rule, and per receiver too for a multi pair.
-- A multi pair is looked up with IN, whose hash table is built on the few multi pairs (13 k at 10 M rows): a LEFT
-- JOIN was planned the other way round (the CTEs' row estimates are far off), its table built on the 1.2 M rows,
-- a fifth of the query's CPU. A row of a pair that is not multi is its pair's only row, so one award-day: such rows
-- are counted per (approver, rule) as they are; a multi pair's rows are grouped per day first (its award-days, the
-- cells), then per rule.
judged_cells AS (
  SELECT giver, rule_id, receiver, sum(CASE WHEN receiver IS NULL THEN n ELSE 1 END)::BIGINT AS k, sum(amount) AS amount
  FROM (
    SELECT giver, rule_id, CASE WHEN m THEN receiver END AS receiver, CASE WHEN m THEN date_trunc('day', occurred_at) END AS day,
           count(*) AS n, sum(points) AS amount
    FROM (
      SELECT *, (giver, receiver) IN (SELECT giver, receiver FROM multi) AS m
      FROM approved
      WHERE giver IN (SELECT giver FROM judged WHERE role = 'approver')
    )
    GROUP BY ALL
  )
  GROUP BY ALL
),
cells AS (SELECT giver, receiver, rule_id, k, amount FROM judged_cells WHERE receiver IS NOT NULL),
cell_r AS (SELECT giver, receiver, sum(k) AS kr FROM cells GROUP BY ALL),
cell_kr AS (SELECT c.*, r.kr FROM cells c JOIN cell_r r USING (giver, receiver)),
-- Per (approver, rule): its award-days (kx) and points (ax) over every receiver, and its receivers' award-days of
-- other rules (k_other, from the pairs above: a single-rule pair adds none).
cell_x AS (
  SELECT x.giver, x.rule_id, x.kx, x.ax, coalesce(o.k_other, 0) AS k_other
  FROM (SELECT giver, rule_id, sum(k) AS kx, sum(amount) AS ax FROM judged_cells GROUP BY ALL) x
  LEFT JOIN (SELECT giver, rule_id, sum(kr - k) AS k_other FROM cell_kr GROUP BY ALL) o USING (giver, rule_id)
),
-- Pass 1: each cell against the receiver's share of the other rules' award-days that g gave the receivers of x.
cell_z1 AS (
  SELECT c.*, x.kx, x.ax, x.k_other, (c.kr - c.k)::DOUBLE / x.k_other AS p0
  FROM cell_kr c JOIN cell_x x USING (giver, rule_id) WHERE c.kr > c.k
),
-- A favourite's flood swells the baseline of every teammate (their share of the other rules' award-days looks
-- small): per approver the receiver standing out most in pass 1 (z above 2), and each other receiver's cells judged
-- without that receiver's award-days too (kx_t, p0_t); the weaker of the two results is kept, so this explains a
-- teammate's excess away and never adds one.
top_rcv AS (
  SELECT giver, arg_min(receiver, (-z, receiver)) AS top
  FROM (SELECT giver, receiver, (k - kx * p0) / sqrt(kx * p0 * (1 - p0)) AS z FROM cell_z1 WHERE p0 < 1)
  WHERE z > 2
  GROUP BY giver
),
cell_one AS (
  SELECT giver, receiver, rule_id, k, amount, ax,
         CASE WHEN use_t THEN kx_t ELSE kx END AS kx, CASE WHEN use_t THEN p0_t ELSE p0 END AS p0,
         CASE WHEN use_t THEN z_t ELSE z END AS z
  FROM (
    SELECT *, coalesce(p0_t < 1 AND z_t < z, false) AS use_t
    FROM (
      SELECT *, (k - kx * p0) / sqrt(kx * p0 * (1 - p0)) AS z,
             (k - kx_t * p0_t) / sqrt(kx_t * p0_t * (1 - p0_t)) AS z_t
      FROM (
        SELECT c.giver, c.receiver, c.rule_id, c.k, c.amount, c.ax, c.kx, c.p0, c.kx - coalesce(t.k, 0) AS kx_t,
               CASE WHEN r.top <> c.receiver THEN (c.kr - c.k)::DOUBLE / (c.k_other - coalesce(t.kr - t.k, 0)) END AS p0_t
        FROM cell_z1 c
        LEFT JOIN top_rcv r ON r.giver = c.giver
        LEFT JOIN cell_kr t ON t.giver = c.giver AND t.receiver = r.top AND t.rule_id = c.rule_id
        WHERE c.p0 < 1
      )
    )
  )
),
-- The receiver's rules more than two binomial sd above that share; where a pair has two or more, each is judged
-- again (pass 2) against the receiver's other rules without them, so favour spread over several rules does not
-- raise its own baseline.
elevated AS (
  SELECT giver, receiver, rule_id, k FROM cell_one WHERE z > 2
  QUALIFY count(*) OVER (PARTITION BY giver, receiver) >= 2
),
-- Pass 2's baseline of an elevated cell (g, r, x): r's award-days of the rules not elevated for r (num), against
-- those rules' award-days that g gave the receivers of x (den).
elevated_base AS (
  SELECT e.giver, e.receiver, e.rule_id, sum(o.k) AS den
  FROM elevated e
  JOIN cells rx ON rx.giver = e.giver AND rx.rule_id = e.rule_id
  JOIN cells o ON o.giver = e.giver AND o.receiver = rx.receiver AND o.rule_id <> e.rule_id
  ANTI JOIN elevated f ON f.giver = e.giver AND f.receiver = e.receiver AND f.rule_id = o.rule_id
  GROUP BY ALL
),
elevated_p0 AS (
  SELECT b.giver, b.receiver, b.rule_id, (c.kr - e.k_elevated)::DOUBLE / b.den AS p0, c.kr - e.k_elevated AS num, b.den
  FROM elevated_base b
  JOIN (SELECT giver, receiver, sum(k) AS k_elevated FROM elevated GROUP BY ALL) e USING (giver, receiver)
  JOIN cell_r c USING (giver, receiver)
  WHERE c.kr > e.k_elevated
),
-- Every cell once (pass 1), and the cells judged again once more (pass 2): both count as tests.
-- Pass 2 is judged conditionally, as its baseline is a few rules: of the receiver's award-days in x and in the
-- baseline rules (k + num), x's part against x's part of the award-days of x's receivers in them (kx of kx + den):
-- Fisher's exact test (hypergeometric; the check sums its tail). z is the prefilter's statistic.
cell_test AS (
  SELECT *, count(*) OVER () AS tests
  FROM (
    SELECT giver, receiver, rule_id, k, amount, kx, ax, p0, NULL AS num, NULL AS den, z FROM cell_one
    UNION ALL
    SELECT c.giver, c.receiver, c.rule_id, c.k, c.amount, c.kx, c.ax, e.p0, e.num, e.den,
           (c.k - (c.k + e.num) * c.kx / (c.kx + e.den))
             / sqrt((c.k + e.num) * c.kx / (c.kx + e.den) * e.den / (c.kx + e.den)
                    * (c.kx + e.den - c.k - e.num) / (c.kx + e.den - 1)) AS z
    FROM elevated_p0 e JOIN cell_z1 c USING (giver, receiver, rule_id)
  )
),
by_rule AS (
  SELECT giver, 'approver' AS role, 'rule' AS test, receiver AS top, rule_id, k AS hits, amount AS top_amount,
         ax AS total, kx AS movements, NULL AS receivers, p0 AS expected, num AS peer_n, den AS others_n,
         NULL AS spread, tests
  FROM cell_test
  WHERE z > CASE WHEN tests >= 100 THEN 4 ELSE 3 END
  -- One pair is flagged once: only its strongest rule is a candidate.
  QUALIFY row_number() OVER (PARTITION BY giver, receiver ORDER BY z DESC, rule_id, p0, num NULLS FIRST) = 1
),
candidates AS (SELECT * FROM flagged UNION ALL SELECT * FROM split UNION ALL SELECT * FROM by_rule),
-- The candidates' pairs, read back from one list: the planner builds a join's hash table on the side it estimates
-- smaller, and the estimates of the tests' CTEs are far off (hundreds of thousands of candidates estimated for none
-- at 10 M rows), so joined directly the ledger's 3.5 M period rows could become the build side (0.8 CPU s), where
-- the few candidates (none: the ledger is then not read at all) should be. An unnested list is estimated as one row.
cand_pairs AS (
  SELECT unnest(k, recursive := true)
  FROM (SELECT list(DISTINCT {'role': role, 'giver': giver, 'top': top}) AS k FROM candidates)
),
-- Evidence lists only for the few candidates, read back from the ledger (listing every pair's rows costs more
-- than the whole check).
evidence AS (
  SELECT f.giver, f.role, f.test, f.top, f.rule_id, list(l.event_id ORDER BY l.occurred_at, l.event_id) AS event_ids
  FROM candidates f JOIN ledger_clean l ON l.approver_id = f.giver AND l.account_id = f.top
  WHERE f.role = 'approver' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP AND l.points > 0
    AND l.event_type IN ('earn', 'adjust') AND (f.rule_id IS NULL OR coalesce(l.rule_id, '') = f.rule_id)
    AND (l.approver_id, l.account_id) IN (SELECT giver, top FROM cand_pairs WHERE role = 'approver')
  GROUP BY f.giver, f.role, f.test, f.top, f.rule_id
  UNION ALL
  SELECT f.giver, f.role, f.test, f.top, f.rule_id, list(l.event_id ORDER BY l.occurred_at, l.event_id)
  FROM candidates f JOIN ledger_clean l ON l.account_id = f.giver AND l.counterparty_id = f.top
  WHERE f.role = 'giver' AND l.event_type = 'transfer' AND l.points < 0
    AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
    AND (l.account_id, l.counterparty_id) IN (SELECT giver, top FROM cand_pairs WHERE role = 'giver')
  GROUP BY f.giver, f.role, f.test, f.top, f.rule_id
),
-- The candidate givers' transfers per distinct amount (all their receivers): few rows, as gifts are round numbers.
transfer_amounts AS (
  SELECT account_id AS giver, (-points)::DOUBLE AS amount, count(*) AS n
  FROM ledger_clean
  WHERE event_type = 'transfer' AND points < 0 AND counterparty_id IS NOT NULL
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
    AND account_id IN (SELECT giver FROM cand_pairs WHERE role = 'giver')
  GROUP BY ALL
),
giver_amounts AS (
  SELECT giver, list(amount ORDER BY amount) AS amounts, list(n::INTEGER ORDER BY amount) AS amount_n
  FROM transfer_amounts GROUP BY giver
)
SELECT f.giver, f.role, f.test, f.top AS receiver, f.rule_id, f.hits::INTEGER AS hits, f.top_amount::DOUBLE AS top_points,
       f.total::DOUBLE AS total_points, f.movements::INTEGER AS movements, f.receivers::INTEGER AS receivers,
       f.expected::DOUBLE AS expected, f.peer_n::DOUBLE AS peer_n, f.others_n::DOUBLE AS others_n,
       f.spread::DOUBLE AS spread, f.tests::INTEGER AS tests, e.event_ids,
       a.amounts, a.amount_n
FROM candidates f JOIN evidence e
  ON e.giver = f.giver AND e.role = f.role AND e.test = f.test AND e.top = f.top AND e.rule_id IS NOT DISTINCT FROM f.rule_id
LEFT JOIN giver_amounts a ON f.role = 'giver' AND a.giver = f.giver
ORDER BY f.giver, f.role, f.test, f.top, f.rule_id
