-- transfer_edge: transfer rows of one import (or all rows) reduced to giver × receiver × day × side
-- params: $import_id INTEGER (nullable)
-- returns: giver_id VARCHAR, receiver_id VARCHAR, day DATE, giver_side BOOLEAN, n BIGINT, points DECIMAL(18,2)
-- grain: one row per (giver_id, receiver_id, day, giver_side) with transfer rows
--
-- A transfer is two rows (ledger-format.md): the giver's (< 0, counterparty = receiver) and the receiver's (> 0,
-- counterparty = giver). Each side is kept apart (giver_side), so an export holding only one side still gives the
-- edge; points = Σ |points|. Rows without a counterparty or to oneself are not edges.
SELECT CASE WHEN points < 0 THEN account_id ELSE counterparty_id END AS giver_id,
       CASE WHEN points < 0 THEN counterparty_id ELSE account_id END AS receiver_id,
       occurred_at::DATE AS day,
       points < 0 AS giver_side,
       count(*)::BIGINT AS n,
       sum(abs(points))::DECIMAL(18,2) AS points
FROM ledger
WHERE event_type = 'transfer' AND counterparty_id IS NOT NULL AND counterparty_id <> account_id
  AND ($import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER)
GROUP BY ALL
