-- audit_transfer_edges: the giver → receiver graph of transfers, one edge per ordered pair
-- params: $from TIMESTAMP, $to TIMESTAMP
-- returns: giver VARCHAR, receiver VARCHAR, transfers INTEGER, points DOUBLE, times TIMESTAMP[], amounts DOUBLE[], event_ids VARCHAR[]
-- grain: one row per (giver, receiver) with at least one transfer in [from, to)
-- A transfer is two rows (ledger-format.md): the giver's (< 0, counterparty = receiver) and the receiver's
-- (> 0, counterparty = giver). Each side is counted on its own and the edge keeps the side with more rows, so an
-- export holding only one side still gives the graph; event_ids lists the rows of both sides. amounts[i] is the
-- transfer at times[i], so the ring check can sum what arrived while a cycle ran.
WITH t AS (
  SELECT event_id, occurred_at,
         CASE WHEN points < 0 THEN account_id ELSE counterparty_id END AS giver,
         CASE WHEN points < 0 THEN counterparty_id ELSE account_id END AS receiver,
         points < 0 AS giver_side, abs(points) AS amount
  FROM ledger_clean
  WHERE event_type = 'transfer' AND counterparty_id IS NOT NULL AND counterparty_id <> account_id
    AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
sides AS (
  -- pick: the side with more rows, the giver's on a tie, so times and amounts come from one side.
  SELECT giver, receiver, giver_side, count(*) AS n, count(*) * 2 + giver_side::INTEGER AS pick, sum(amount) AS amount,
         list(occurred_at ORDER BY occurred_at, event_id) AS times, list(amount ORDER BY occurred_at, event_id) AS amounts,
         list(event_id ORDER BY occurred_at, event_id) AS ids
  FROM t GROUP BY giver, receiver, giver_side
)
SELECT giver, receiver, max(n)::INTEGER AS transfers, arg_max(amount, pick)::DOUBLE AS points,
       arg_max(times, pick) AS times, arg_max(amounts, pick)::DOUBLE[] AS amounts, list_sort(flatten(list(ids))) AS event_ids
FROM sides
GROUP BY giver, receiver
ORDER BY giver, receiver
