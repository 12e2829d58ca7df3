-- The two passes every metric of a report request shares, as the metric files read them. Here they compute their
-- rows each time; src/db/shared-passes.ts redefines them on one connection for one request, so that they read tables
-- made once for the request's periods and scope (and anything else still computes), then runs this file again.
-- ll_period_accounts(p_from, p_to, s_attr, s_val): per-account sums over a period (views/37).
-- ll_scoped_months(p_to, s_attr, s_val): the scope's sums per month before p_to (views/36).
CREATE OR REPLACE TEMP MACRO ll_period_accounts(p_from, p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_period_accounts_direct(p_from, p_to, s_attr, s_val);

CREATE OR REPLACE TEMP MACRO ll_scoped_months(p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_scoped_months_direct(p_to, s_attr, s_val);
