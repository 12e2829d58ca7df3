-- account_month: the ledger rows of one import (or all rows) reduced to account × month, one column per flow
-- params: $import_id INTEGER (nullable)
-- returns: account_id VARCHAR, month DATE, n BIGINT, n_active BIGINT, n_earn BIGINT, points DECIMAL(18,2), earned DECIMAL(18,2), deducted DECIMAL(18,2), redeemed DECIMAL(18,2), expired DECIMAL(18,2), adjusted_pos DECIMAL(18,2), adjusted_neg DECIMAL(18,2), transferred_pos DECIMAL(18,2)
-- grain: one row per (account_id, month of occurred_at) with rows
--
-- The per-account metrics of a month-aligned period (flows, the fairness population and its Gini, Theil, top share
-- and groups, participant and cohort retention) need each account's sums per type, not per day and rule: at 100
-- rows per account over two years, account × day × rule × type keeps almost every row, while this keeps one row per
-- account and month, and a quarter or a year is the sum of its months (exact decimals). Periods that are not
-- month-aligned read rollup_account_day instead (ll_account_months, queries/views/36_account_months.sql).
-- n_active counts the rows that are not expire (an expiry is not an action of the member); the sums keep the
-- ledger's signs (deducted, redeemed, expired are ≤ 0); adjusted_pos / adjusted_neg and transferred_pos keep the
-- sides of adjustments and transfers as points_pos / points_neg do. $import_id as in account_day.sql.
SELECT account_id,
       date_trunc('month', occurred_at)::DATE AS month,
       count(*)::BIGINT AS n,
       count(*) FILTER (WHERE event_type <> 'expire')::BIGINT AS n_active,
       count(*) FILTER (WHERE event_type = 'earn')::BIGINT AS n_earn,
       sum(points)::DECIMAL(18,2) AS points,
       coalesce(sum(points) FILTER (WHERE event_type = 'earn'), 0)::DECIMAL(18,2) AS earned,
       coalesce(sum(points) FILTER (WHERE event_type = 'deduct'), 0)::DECIMAL(18,2) AS deducted,
       coalesce(sum(points) FILTER (WHERE event_type = 'redeem'), 0)::DECIMAL(18,2) AS redeemed,
       coalesce(sum(points) FILTER (WHERE event_type = 'expire'), 0)::DECIMAL(18,2) AS expired,
       coalesce(sum(points) FILTER (WHERE event_type = 'adjust' AND points > 0), 0)::DECIMAL(18,2) AS adjusted_pos,
       coalesce(sum(points) FILTER (WHERE event_type = 'adjust' AND points < 0), 0)::DECIMAL(18,2) AS adjusted_neg,
       coalesce(sum(points) FILTER (WHERE event_type = 'transfer' AND points > 0), 0)::DECIMAL(18,2) AS transferred_pos
FROM ledger
WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER
GROUP BY ALL
