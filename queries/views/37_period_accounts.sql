-- ll_period_accounts_direct(p_from, p_to, s_attr, s_val): each account's activity over the whole period
-- [p_from, p_to) within the scope, one row per account with a row in the period: n (rows), n_active (rows other than
-- expire), n_earn (earn rows) and earned (Σ earn points, exact, kept at DECIMAL(38,2): a sum over many months may pass
-- a rollup cell's 18 digits). What flows (active, earners), participant retention and the fairness population
-- (participant_issued) read, through ll_period_accounts (views/38), which a request may answer from a table it made
-- once (src/db/shared-passes.ts). Only these four columns: every other sum is a program total, which
-- ll_period_days gives without a pass per account.
-- One calendar quarter or one month is the rows of rollup_account_quarter or rollup_account_month as they are (one per
-- account: nothing to group, and as cheap to read again as a copy kept by a request, src/db/shared-passes.ts);
-- several whole quarters add up the quarter rows; any other period adds up the account × month sums (views/36).
-- Only one branch yields rows; the others are cut by their constant conditions.
CREATE OR REPLACE TEMP MACRO ll_quarter_aligned(p_from, p_to) AS
  p_from IS NOT NULL AND dayofmonth(p_from::DATE) = 1 AND month(p_from::DATE) % 3 = 1
  AND dayofmonth(p_to::DATE) = 1 AND month(p_to::DATE) % 3 = 1;

CREATE OR REPLACE TEMP MACRO ll_one_quarter(p_from, p_to) AS
  ll_quarter_aligned(p_from, p_to) AND p_to::DATE = (p_from::DATE + INTERVAL 3 MONTH)::DATE;

CREATE OR REPLACE TEMP MACRO ll_one_month(p_from, p_to) AS
  p_from IS NOT NULL AND dayofmonth(p_from::DATE) = 1 AND p_to::DATE = (p_from::DATE + INTERVAL 1 MONTH)::DATE;

-- Whether rule usage of [p_from, p_to) within the scope (s_attr NULL: everyone) reads each rule's distinct accounts as
-- counted ahead (queries/rule_usage.sql): a calendar month or quarter, unfiltered from rollup_rule_accounts where the
-- derived rollups are kept, within a scope from rollup_account_rule_quarter where the account × day rollup is whole.
CREATE OR REPLACE TEMP MACRO ll_rule_accounts_kept(p_from, p_to, s_attr) AS
  (ll_one_month(p_from, p_to) OR ll_one_quarter(p_from, p_to))
  AND CASE WHEN s_attr IS NULL THEN ll_kept_rollups() ELSE ll_value_days_kept() END;

CREATE OR REPLACE TEMP MACRO ll_period_accounts_direct(p_from, p_to, s_attr, s_val) AS TABLE
SELECT account_id, n, n_active, n_earn, earned::DECIMAL(38,2) AS earned
FROM rollup_account_quarter
WHERE ll_kept_rollups() AND ll_one_quarter(p_from, p_to) AND quarter = p_from::DATE
  AND ll_in_scope(account_id, s_attr, s_val)
UNION ALL
SELECT account_id, n, n_active, n_earn, earned::DECIMAL(38,2) AS earned
FROM rollup_account_month
WHERE ll_one_month(p_from, p_to) AND month = p_from::DATE AND ll_in_scope(account_id, s_attr, s_val)
UNION ALL
SELECT account_id,
       sum(n)::BIGINT AS n,
       sum(n_active)::BIGINT AS n_active,
       sum(n_earn)::BIGINT AS n_earn,
       sum(earned)::DECIMAL(38,2) AS earned
FROM (
  SELECT account_id, n, n_active, n_earn, earned
  FROM rollup_account_quarter
  WHERE ll_kept_rollups() AND ll_quarter_aligned(p_from, p_to) AND NOT ll_one_quarter(p_from, p_to)
    AND quarter >= p_from::DATE AND quarter < p_to::DATE AND ll_in_scope(account_id, s_attr, s_val)
  UNION ALL
  SELECT account_id, n, n_active, n_earn, earned
  FROM ll_account_months(p_from, p_to, s_attr, s_val)
  WHERE NOT (ll_kept_rollups() AND ll_quarter_aligned(p_from, p_to)) AND NOT ll_one_month(p_from, p_to)
)
GROUP BY account_id;

-- ll_period_days_direct(p_from, p_to, s_attr, s_val): the day × rule × type sums of the scope's rows in
-- [p_from, p_to) (ll_scoped_days, views/35: rollup_day_rule unfiltered, else the scope's account × day rows added up).
-- Program totals of a period (flows, ROI, tier mix) read it through ll_period_days (views/38).
CREATE OR REPLACE TEMP MACRO ll_period_days_direct(p_from, p_to, s_attr, s_val) AS TABLE
SELECT day, rule_id, event_type, sum(n) AS n, sum(points) AS points, sum(points_pos) AS points_pos,
       sum(points_neg) AS points_neg, sum(n_cash) AS n_cash, sum(cash) AS cash, sum(points_cash) AS points_cash
FROM ll_scoped_days(s_attr, s_val)
WHERE day >= p_from::DATE AND day < p_to::DATE
GROUP BY ALL;

-- ll_period_rule_use(p_from, p_to, s_attr, s_val): per rule, the rows, distinct accounts and Σ points of the scope's
-- rows in [p_from, p_to) that carry it (rule_id '' — none — left out): rule usage within a scope, or where the
-- accounts per rule are not kept (queries/rule_usage.sql). A one-shot report, whose account × day rollup is a view of
-- its rows, redefines it to group the rows once (src/db/one-shot-passes.ts).
CREATE OR REPLACE TEMP MACRO ll_period_rule_use(p_from, p_to, s_attr, s_val) AS TABLE
SELECT rule_id, sum(n) AS rows, count(DISTINCT account_id) AS accounts, sum(points) AS points
FROM rollup_account_day
WHERE rule_id <> '' AND day >= p_from::DATE AND day < p_to::DATE AND ll_in_scope(account_id, s_attr, s_val)
GROUP BY rule_id;
