-- account_quarter: account × month rows (the account_month reduction just computed) added up to account × quarter
-- params: none
-- returns: account_id VARCHAR, quarter DATE, n BIGINT, n_active BIGINT, n_earn BIGINT, earned DECIMAL(18,2)
-- grain: one row per (account_id, calendar quarter of occurred_at) with rows
--
-- Reads ll_account_month, which src/db/rollup-merge.ts fills with reductions/account_month.sql for the same rows (one
-- import's, or all), so no ledger scan of its own. Only the columns of an account's activity in a period
-- (ll_period_accounts_direct, views/37): a quarter's per-account pass then reads one row per account instead of
-- grouping three, which is most of a report's cost at 10 M rows. Exact decimal sums, so a quarter equals its months.
SELECT account_id,
       date_trunc('quarter', month)::DATE AS quarter,
       sum(n)::BIGINT AS n,
       sum(n_active)::BIGINT AS n_active,
       sum(n_earn)::BIGINT AS n_earn,
       sum(earned)::DECIMAL(18,2) AS earned
FROM ll_account_month
GROUP BY ALL
