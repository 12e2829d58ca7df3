-- day_rule: account × day × rule × type rows (the account_day reduction just computed) added up to day × rule × type
-- params: none
-- returns: day DATE, rule_id VARCHAR, event_type VARCHAR, n BIGINT, points DECIMAL(18,2), points_pos DECIMAL(18,2), points_neg DECIMAL(18,2), n_cash BIGINT, cash DECIMAL(18,2), points_cash DECIMAL(18,2)
-- grain: one row per (day, rule_id, event_type) with rows; rule_id '' when the row has none
--
-- Reads ll_account_day, the TEMP table src/db/rollup-merge.ts fills with reductions/account_day.sql for the same rows
-- (one import's, or all): one scan of the ledger serves both tables, and every sum is exact (decimal), so adding
-- the finer rows up equals reducing the raw rows. A ClickHouse reduction computes the same from raw rows.
-- The program-wide series (daily, monthly, stocks, tier mix) read this small table when no filter applies.
SELECT day, rule_id, event_type,
       sum(n)::BIGINT AS n,
       sum(points)::DECIMAL(18,2) AS points,
       sum(points_pos)::DECIMAL(18,2) AS points_pos,
       sum(points_neg)::DECIMAL(18,2) AS points_neg,
       sum(n_cash)::BIGINT AS n_cash,
       sum(cash)::DECIMAL(18,2) AS cash,
       sum(points_cash)::DECIMAL(18,2) AS points_cash
FROM ll_account_day
GROUP BY ALL
