-- audit_concentration: givers and approvers sending a large share of what they give to one receiver
-- params: $from TIMESTAMP, $to TIMESTAMP, $share DOUBLE, $min_count INTEGER, $min_receivers INTEGER
-- returns: giver VARCHAR, role VARCHAR, receiver VARCHAR, top_points DOUBLE, total_points DOUBLE, movements INTEGER, receivers INTEGER, event_ids VARCHAR[]
-- grain: one row per (giver, role) whose top receiver got at least `share` of the giver's points in [from, to)
-- role 'approver': positive approved rows (earn, adjust) by approver → account, self-approval left to its own
-- check; role 'giver': transfers, giver's row (< 0) → counterparty. Givers with fewer than min_count movements or
-- min_receivers receivers are left out: small totals and one-person teams concentrate by construction.
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
  SELECT * FROM givers
  WHERE movements >= $min_count AND receivers >= $min_receivers AND total > 0 AND top_amount >= $share * total
),
-- Evidence lists only for the few flagged pairs, read back from the ledger (listing every pair's rows costs more
-- than the whole check).
evidence AS (
  SELECT f.giver, f.role, list(l.event_id ORDER BY l.occurred_at, l.event_id) AS event_ids
  FROM flagged f JOIN ledger_clean l
    ON l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
   AND ((f.role = 'approver' AND l.approver_id = f.giver AND l.account_id = f.top AND l.points > 0 AND l.event_type IN ('earn', 'adjust'))
     OR (f.role = 'giver' AND l.event_type = 'transfer' AND l.account_id = f.giver AND l.counterparty_id = f.top AND l.points < 0))
  GROUP BY f.giver, f.role
)
SELECT f.giver, f.role, f.top AS receiver, f.top_amount::DOUBLE AS top_points, f.total::DOUBLE AS total_points,
       f.movements::INTEGER AS movements, f.receivers::INTEGER AS receivers, e.event_ids
FROM flagged f JOIN evidence e USING (giver, role)
ORDER BY f.giver, f.role
