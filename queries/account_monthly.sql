-- account_monthly: one account's points in and out per month, over the whole ledger
-- params: $account_id VARCHAR
-- returns: month VARCHAR, points_in DOUBLE, points_out DOUBLE, n INTEGER
-- grain: one row per month with a ledger row of the account, oldest first
-- points_in = Σ positive rows (earned, received, adjusted up); points_out = Σ |negative rows| (redeemed, expired,
-- given, deducted): rollup_account_day's points_pos and points_neg, so no raw row is read.
SELECT strftime(day, '%Y-%m') AS month,
       sum(points_pos)::DOUBLE AS points_in,
       (-sum(points_neg))::DOUBLE AS points_out,
       sum(n)::INTEGER AS n
FROM rollup_account_day
WHERE account_id = $account_id
GROUP BY month
ORDER BY month;
