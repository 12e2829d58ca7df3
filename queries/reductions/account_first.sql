-- account_first: each account's first month with a row other than expire, from the account_month rows just computed
-- params: none
-- returns: account_id VARCHAR, first_month DATE
-- grain: one row per account with a row other than expire
--
-- Reads ll_account_month (see account_quarter.sql). The cohort of an account (cohort_retention.sql) is this month:
-- for a grid that ends on a 1st, the first active month before the end is the first active month of all, or none.
-- Merged across imports by the earlier month (src/db/rollup-merge.ts), so reading one row per account replaces grouping
-- every account's whole history per request.
SELECT account_id, min(month) AS first_month
FROM ll_account_month
WHERE n_active > 0
GROUP BY account_id
