-- The passes every metric of a report request shares, as the metric files read them. Here they compute their rows
-- each time; src/db/shared-passes.ts redefines them on one connection for one request, so that they read tables made
-- once for the request's periods and scope (anything else still computes), then runs this file again.
-- ll_period_accounts(p_from, p_to, s_attr, s_val): each account's activity over a period (views/37).
-- ll_period_days(p_from, p_to, s_attr, s_val): the scope's day × rule × type sums in a period (views/37).
-- ll_scoped_months(p_to, s_attr, s_val): the scope's sums per month before p_to (views/36).
CREATE OR REPLACE TEMP MACRO ll_period_accounts(p_from, p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_period_accounts_direct(p_from, p_to, s_attr, s_val);

CREATE OR REPLACE TEMP MACRO ll_period_days(p_from, p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_period_days_direct(p_from, p_to, s_attr, s_val);

CREATE OR REPLACE TEMP MACRO ll_scoped_months(p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_scoped_months_direct(p_to, s_attr, s_val);
