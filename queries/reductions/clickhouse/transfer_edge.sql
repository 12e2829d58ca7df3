-- transfer_edge (ClickHouse): transfer rows of the remote ledger reduced to giver × receiver × day × side, as reductions/transfer_edge.sql
-- params: {ledger} the DATABASE.TABLE of --source (written by src/db/clickhouse/reduce.ts, never a user value)
-- returns: giver_id VARCHAR, receiver_id VARCHAR, day DATE, giver_side BOOLEAN, n BIGINT, points DECIMAL(18,2)
-- grain: one row per (giver_id, receiver_id, day, giver_side) with transfer rows
--
-- points = Σ |points|, written as a sign flip: a decimal abs() is not in every ClickHouse version.
SELECT g AS giver_id, rc AS receiver_id, d AS day, s AS giver_side, c AS n, p AS points
FROM (
  SELECT if(points < 0, account_id, assumeNotNull(counterparty_id)) AS g,
         if(points < 0, assumeNotNull(counterparty_id), account_id) AS rc,
         toDate(occurred_at) AS d,
         points < 0 AS s,
         count() AS c,
         toString(sum(if(points < 0, -points, points))) AS p
  FROM {ledger}
  WHERE event_type = 'transfer' AND isNotNull(counterparty_id) AND assumeNotNull(counterparty_id) != account_id
  GROUP BY g, rc, d, s
)
