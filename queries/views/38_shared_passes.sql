-- The passes every metric of a report request shares, as the metric files read them. Here they compute their rows
-- each time; src/db/shared-passes.ts redefines them on one connection for one request, so that they read tables made
-- once for the request's periods and scope (anything else still computes), then runs this file again.
-- ll_period_accounts(p_from, p_to, s_attr, s_val): each account's activity over a period (views/37).
-- ll_period_days(p_from, p_to, s_attr, s_val): the scope's day × rule × type sums in a period (views/37).
-- ll_scoped_months(p_to, s_attr, s_val): the scope's sums per month before p_to (views/36).
-- ll_rule_use(p_from, p_to, s_attr, s_val): per rule, its rows, distinct accounts and points (queries/rule_usage.sql).
CREATE OR REPLACE TEMP MACRO ll_period_accounts(p_from, p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_period_accounts_direct(p_from, p_to, s_attr, s_val);

CREATE OR REPLACE TEMP MACRO ll_period_days(p_from, p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_period_days_direct(p_from, p_to, s_attr, s_val);

CREATE OR REPLACE TEMP MACRO ll_scoped_months(p_to, s_attr, s_val) AS TABLE
SELECT * FROM ll_scoped_months_direct(p_to, s_attr, s_val);

-- Each rule's use in [p_from, p_to) within the scope: from the day × rule sums and the accounts counted per rule at
-- import time where those are kept for the period (ll_rule_accounts_kept), else from the account × day rollup
-- (ll_period_rule_use, views/37). Only one branch yields rows.
CREATE OR REPLACE TEMP MACRO ll_rule_use(p_from, p_to, s_attr, s_val) AS TABLE
SELECT d.rule_id, d.rows, a.accounts, d.points
FROM (
  SELECT rule_id, sum(n) AS rows, sum(points) AS points
  FROM ll_scoped_days(s_attr, s_val)
  WHERE rule_id <> '' AND day >= p_from::DATE AND day < p_to::DATE
  GROUP BY rule_id
) d
JOIN (
  SELECT rule_id, accounts
  FROM rollup_rule_accounts
  WHERE s_attr IS NULL AND period = p_from::DATE
    AND months = CASE WHEN ll_one_month(p_from::DATE, p_to::DATE) THEN 1 ELSE 3 END
  UNION ALL
  SELECT rule_id,
         sum(CASE WHEN ll_one_quarter(p_from::DATE, p_to::DATE) THEN accounts
                  WHEN (month(p_from::DATE) - 1) % 3 = 0 THEN accounts_m1
                  WHEN (month(p_from::DATE) - 1) % 3 = 1 THEN accounts_m2
                  ELSE accounts_m3 END)::BIGINT AS accounts
  FROM rollup_value_rule_quarter
  WHERE s_attr IS NOT NULL AND quarter = date_trunc('quarter', p_from::DATE)::DATE
    AND attribute = s_attr AND value IN (SELECT unnest([s_val], recursive := true))
  GROUP BY rule_id
) a ON a.rule_id = d.rule_id
WHERE ll_rule_accounts_kept(p_from::DATE, p_to::DATE, s_attr)
UNION ALL
SELECT rule_id, rows, accounts, points
FROM ll_period_rule_use(p_from::DATE, p_to::DATE, s_attr, s_val)
WHERE NOT ll_rule_accounts_kept(p_from::DATE, p_to::DATE, s_attr);
