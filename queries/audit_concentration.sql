-- audit_concentration: givers and approvers sending a large share of what they give to one receiver
-- params: $from TIMESTAMP, $to TIMESTAMP, $share DOUBLE, $min_count INTEGER, $min_receivers INTEGER
-- returns: giver VARCHAR, role VARCHAR, test VARCHAR, receiver VARCHAR, top_points DOUBLE, total_points DOUBLE, movements INTEGER, receivers INTEGER, expected DOUBLE, tests INTEGER, event_ids VARCHAR[]
-- grain: one row per (giver, role) whose top receiver got at least `share` of the giver's points in [from, to)
-- (test 'share'), and one per (approver, receiver) candidate of the split test (test 'split')
-- role 'approver': positive approved rows (earn, adjust) by approver → account, self-approval left to its own
-- check; role 'giver': transfers, giver's row (< 0) → counterparty. Givers with fewer than min_count movements or
-- min_receivers receivers are left out: small totals and one-person teams concentrate by construction.
-- Split test (no share threshold): a receiver signed off by several approvers should get from approver g about g's
-- share of what g's other receivers got from all their approvers (expected = (g's rows − these) / (rows of g's
-- receivers − this receiver's)). The receiver's own activity is the baseline, so a naturally busy member is not a
-- favourite. Rows here have movements = the receiver's approved rows, total_points = their points, event_ids = the
-- rows g signed for them, tests = pairs tested (for Bonferroni); only pairs 3 binomial sd above expectation are
-- returned (a cheap prefilter: the check's exact tail decides).
WITH m AS (
  SELECT approver_id AS giver, 'approver' AS role, account_id AS receiver, points AS amount
  FROM ledger_clean
  WHERE approver_id IS NOT NULL AND approver_id <> account_id AND points > 0 AND event_type IN ('earn', 'adjust')
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
  UNION ALL
  SELECT account_id, 'giver', counterparty_id, -points
  FROM ledger_clean
  WHERE event_type = 'transfer' AND points < 0 AND counterparty_id IS NOT NULL
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
pairs AS (SELECT giver, role, receiver, sum(amount) AS amount, count(*) AS n FROM m GROUP BY ALL),
givers AS (
  SELECT giver, role, sum(amount) AS total, sum(n) AS movements, count(*) AS receivers,
         arg_max(receiver, amount) AS top, max(amount) AS top_amount
  FROM pairs GROUP BY ALL
),
flagged AS (
  SELECT giver, role, 'share' AS test, top, top_amount, total, movements, receivers, 1.0 / receivers AS expected, 1 AS tests
  FROM givers
  WHERE movements >= $min_count AND receivers >= $min_receivers AND total > 0 AND top_amount >= $share * total
),
rtot AS (SELECT receiver, sum(n) AS rn, sum(amount) AS ramount, count(*) AS approvers FROM pairs WHERE role = 'approver' GROUP BY ALL),
gp AS (SELECT p.giver, p.receiver, p.n, p.amount, r.rn, r.ramount, r.approvers FROM pairs p JOIN rtot r USING (receiver) WHERE p.role = 'approver'),
gtot AS (SELECT giver, sum(n) AS gn, sum(rn) AS g_all, count(*) AS receivers FROM gp GROUP BY giver),
tested AS (
  SELECT gp.*, g.receivers, (g.gn - gp.n)::DOUBLE / (g.g_all - gp.rn) AS p0, count(*) OVER () AS tests
  FROM gp JOIN gtot g USING (giver)
  WHERE gp.approvers >= 2 AND g.receivers >= $min_receivers AND g.gn >= $min_count AND g.g_all > gp.rn AND g.gn > gp.n
),
split AS (
  SELECT giver, 'approver' AS role, 'split' AS test, receiver AS top, amount AS top_amount, ramount AS total, rn AS movements,
         receivers, least(p0, 1.0) AS expected, tests
  FROM tested WHERE p0 < 1 AND n > rn * p0 + 3 * sqrt(rn * p0 * (1 - p0))
),
candidates AS (SELECT * FROM flagged UNION ALL SELECT * FROM split),
-- Evidence lists only for the few candidate pairs, read back from the ledger (listing every pair's rows costs more
-- than the whole check): one equi-join per role, so each is a hash join on the pair (a join on an OR of both roles
-- compares every candidate with every row).
evidence AS (
  SELECT f.giver, f.role, f.test, f.top, list(l.event_id ORDER BY l.occurred_at, l.event_id) AS event_ids
  FROM candidates f JOIN ledger_clean l ON l.approver_id = f.giver AND l.account_id = f.top
  WHERE f.role = 'approver' AND l.points > 0 AND l.event_type IN ('earn', 'adjust')
    AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY f.giver, f.role, f.test, f.top
  UNION ALL
  SELECT f.giver, f.role, f.test, f.top, list(l.event_id ORDER BY l.occurred_at, l.event_id)
  FROM candidates f JOIN ledger_clean l ON l.account_id = f.giver AND l.counterparty_id = f.top
  WHERE f.role = 'giver' AND l.event_type = 'transfer' AND l.points < 0
    AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY f.giver, f.role, f.test, f.top
)
SELECT f.giver, f.role, f.test, f.top AS receiver, f.top_amount::DOUBLE AS top_points, f.total::DOUBLE AS total_points,
       f.movements::INTEGER AS movements, f.receivers::INTEGER AS receivers, f.expected::DOUBLE AS expected,
       f.tests::INTEGER AS tests, e.event_ids
FROM candidates f JOIN evidence e ON e.giver = f.giver AND e.role = f.role AND e.test = f.test AND e.top = f.top
ORDER BY f.giver, f.role, f.test, f.top
