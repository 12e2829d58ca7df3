-- expiring_soon: points that will expire within 30, 60 and 90 days of `at` under the expiry policy, oldest first
-- params: $at TIMESTAMP, $expiry_months INTEGER
-- returns: horizon_days INTEGER, points DOUBLE, accounts INTEGER
-- grain: one row per horizon: 0 (already past their expiry date and not yet written off), 30, 60, 90; cumulative
--
-- Lots: every credit row (points > 0: earn, positive adjust, received transfer) before `at` is a lot that
-- expires expiry_months after its occurred_at. Debits (every row < 0 before `at`, expire rows included) consume
-- the oldest lots first (FIFO). For one account with D = total debits and C_h = the credits whose expiry falls
-- before at + h days, the unconsumed points of those lots are max(0, C_h − D): FIFO has eaten the oldest D
-- points, whatever the order of the debits. points = Σ over accounts; accounts = how many have any.
-- Horizon 0 counts lots whose expiry is already past; a 30/60/90 row includes them (they go at the next run).
-- The caller runs this only when the program has an expiry policy (expiry_months set).
WITH lots AS (
  SELECT account_id, points,
         CASE WHEN points > 0 THEN occurred_at + to_months($expiry_months::INTEGER) END AS expires_at
  FROM ledger_clean
  WHERE occurred_at < $at::TIMESTAMP
),
per_account AS (
  SELECT account_id,
         -coalesce(sum(points) FILTER (WHERE points < 0), 0) AS debits,
         sum(points) FILTER (WHERE expires_at < $at::TIMESTAMP) AS c0,
         sum(points) FILTER (WHERE expires_at < $at::TIMESTAMP + INTERVAL 30 DAY) AS c30,
         sum(points) FILTER (WHERE expires_at < $at::TIMESTAMP + INTERVAL 60 DAY) AS c60,
         sum(points) FILTER (WHERE expires_at < $at::TIMESTAMP + INTERVAL 90 DAY) AS c90
  FROM lots
  GROUP BY account_id
),
unconsumed AS (
  SELECT h.horizon_days,
         greatest(0, coalesce(CASE h.horizon_days WHEN 0 THEN c0 WHEN 30 THEN c30 WHEN 60 THEN c60 ELSE c90 END, 0) - debits) AS left_over
  FROM per_account, (VALUES (0), (30), (60), (90)) AS h(horizon_days)
)
SELECT horizon_days::INTEGER AS horizon_days,
       coalesce(sum(left_over), 0)::DOUBLE AS points,
       count(*) FILTER (WHERE left_over > 0)::INTEGER AS accounts
FROM (VALUES (0), (30), (60), (90)) AS h(horizon_days)
LEFT JOIN unconsumed USING (horizon_days)
GROUP BY horizon_days
ORDER BY horizon_days;
