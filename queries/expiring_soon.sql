-- expiring_soon: points that will expire within 30, 60 and 90 days of `at` under the expiry policy, oldest first
-- params: $at DATE, $expiry_months INTEGER, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
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
-- From rollup_account_day within the scope: a day's credits (points_pos) form lots that expire together. `at` is a
-- date (midnight), so a lot of day d expires before at + h exactly when d + expiry_months does: the time of day
-- cannot move it across midnight.
WITH lots AS (
  SELECT account_id, points_pos AS points, points_neg,
         CASE WHEN points_pos > 0 THEN day + to_months($expiry_months::INTEGER) END AS expires_at
  FROM rollup_account_day
  WHERE day < $at::DATE AND ll_in_scope(account_id, $scope_attribute, $scope_value)
),
per_account AS (
  SELECT account_id,
         -coalesce(sum(points_neg), 0) AS debits,
         sum(points) FILTER (WHERE expires_at < $at::DATE::TIMESTAMP) AS c0,
         sum(points) FILTER (WHERE expires_at < $at::DATE::TIMESTAMP + INTERVAL 30 DAY) AS c30,
         sum(points) FILTER (WHERE expires_at < $at::DATE::TIMESTAMP + INTERVAL 60 DAY) AS c60,
         sum(points) FILTER (WHERE expires_at < $at::DATE::TIMESTAMP + INTERVAL 90 DAY) AS c90
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
