-- ll_period_accounts_direct(p_from, p_to, s_attr, s_val): each account's sums over the whole period [p_from, p_to)
-- within the scope, one row per account with a row in the period, the columns of rollup_account_month added up
-- (exact decimals, kept at DECIMAL(38,2): a sum over many months may pass a rollup cell's 18 digits). What flows,
-- participant retention and the fairness population (participant_issued) read, through ll_period_accounts
-- (views/38), which a request may answer from a table it made once (src/db/shared-passes.ts).
CREATE OR REPLACE TEMP MACRO ll_period_accounts_direct(p_from, p_to, s_attr, s_val) AS TABLE
SELECT account_id,
       sum(n)::BIGINT AS n,
       sum(n_active)::BIGINT AS n_active,
       sum(n_earn)::BIGINT AS n_earn,
       sum(points) AS points,
       sum(earned) AS earned,
       sum(deducted) AS deducted,
       sum(redeemed) AS redeemed,
       sum(expired) AS expired,
       sum(adjusted_pos) AS adjusted_pos,
       sum(adjusted_neg) AS adjusted_neg,
       sum(transferred_pos) AS transferred_pos
FROM ll_account_months(p_from, p_to, s_attr, s_val)
GROUP BY account_id;
