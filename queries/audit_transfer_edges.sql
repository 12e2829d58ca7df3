-- audit_transfer_edges: the giver → receiver graph of transfers, one edge per ordered pair
-- params: $from TIMESTAMP, $to TIMESTAMP
-- returns: giver VARCHAR, receiver VARCHAR, transfers INTEGER, points DOUBLE, times TIMESTAMP[], event_ids VARCHAR[]
-- grain: one row per (giver, receiver) with at least one transfer in [from, to)
-- A transfer is two rows (ledger-format.md): the giver's (< 0, counterparty = receiver) and the receiver's
-- (> 0, counterparty = giver). Each side is counted on its own and the edge keeps the side with more rows, so an
-- export holding only one side still gives the graph; event_ids lists the rows of both sides.
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
  SELECT giver, receiver, giver_side, count(*) AS n, sum(amount) AS amount, list(occurred_at ORDER BY occurred_at) AS times,
         list(event_id ORDER BY occurred_at, event_id) AS ids
  FROM t GROUP BY ALL
)
SELECT giver, receiver, max(n)::INTEGER AS transfers, arg_max(amount, n)::DOUBLE AS points,
       arg_max(times, n) AS times, list_sort(flatten(list(ids))) AS event_ids
FROM sides
GROUP BY giver, receiver
ORDER BY giver, receiver
