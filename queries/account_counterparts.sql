-- account_counterparts: whom one account gave points to and received them from in a period, top counterparts first
-- params: $account_id VARCHAR, $from TIMESTAMP, $to TIMESTAMP, $top INTEGER
-- returns: direction VARCHAR, kind VARCHAR, counterparty_id VARCHAR, points DOUBLE, n INTEGER, share DOUBLE
-- grain: one row per (direction, kind, counterpart), the `top` largest by points of each (direction, kind)
-- The movements of audit_concentration.sql, so a share here is the share that check judges: kind 'approved' =
-- positive earn/adjust rows the approver signed for another account; kind 'transferred' = a transfer, read from the
-- giver's row (< 0). direction 'out': this account gave or approved; 'in': it received. share = points / Σ points
-- of the account on that direction and kind.
WITH m AS (
  SELECT approver_id AS giver, account_id AS receiver, points AS amount, 'approved' AS kind
  FROM ledger_clean
  WHERE (approver_id = $account_id OR account_id = $account_id)
    AND approver_id IS NOT NULL AND approver_id <> account_id AND points > 0 AND event_type IN ('earn', 'adjust')
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
  UNION ALL
  SELECT account_id, counterparty_id, -points, 'transferred'
  FROM ledger_clean
  WHERE (account_id = $account_id OR counterparty_id = $account_id)
    AND event_type = 'transfer' AND points < 0 AND counterparty_id IS NOT NULL
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
sided AS (
  SELECT 'out' AS direction, kind, receiver AS counterparty_id, amount FROM m WHERE giver = $account_id
  UNION ALL
  SELECT 'in', kind, giver, amount FROM m WHERE receiver = $account_id
),
pairs AS (
  SELECT direction, kind, counterparty_id, sum(amount) AS points, count(*) AS n FROM sided GROUP BY ALL
),
shared AS (
  SELECT *, points / sum(points) OVER (PARTITION BY direction, kind) AS share,
         row_number() OVER (PARTITION BY direction, kind ORDER BY points DESC, counterparty_id) AS k
  FROM pairs
)
SELECT direction, kind, counterparty_id, points::DOUBLE AS points, n::INTEGER AS n, share::DOUBLE AS share
FROM shared
WHERE k <= $top
ORDER BY direction DESC, kind, points DESC, counterparty_id;
