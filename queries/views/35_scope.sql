-- ll_in_scope(account_id, attribute, value): the page filter, `--filter`, and a user's scope, as bound values.
-- True for every account when attribute is NULL (unfiltered); else for the accounts whose attribute has this value
-- (account_attributes: the roster's value, else the latest ledger row's). Every metric file passes its
-- $scope_attribute / $scope_value here: no connection state, so requests on different connections are independent.
-- The filter is by account, not by row, so an account's history stays whole and each metric keeps its own
-- definition over a smaller population.
-- The value may be one VARCHAR (a page filter) or a VARCHAR[] (a manager's scope of several values, bound as a
-- DuckDB list): `[s_val]` unnested recursively yields the values either way, so no caller changes its binding.
CREATE OR REPLACE TEMP MACRO ll_in_scope(acct, s_attr, s_val) AS
  s_attr IS NULL OR acct IN (
    SELECT account_id FROM account_attributes
    WHERE attribute = s_attr AND value IN (SELECT unnest([s_val], recursive := true))
  );

-- ll_scoped_days(attribute, value): day × rule × type sums of the scope's rows. Unfiltered this is the small
-- rollup_day_rule; within a scope, the rows of its values in rollup_value_day_rule (an account has one value per
-- attribute, so no account counts twice; a cell may appear once per value, which every reader adds up), or, where
-- that table is not kept (ll_value_days_kept()), the scope's accounts' rows of rollup_account_day.
-- Only one branch yields rows; the others are cut by their constant conditions.
CREATE OR REPLACE TEMP MACRO ll_scoped_days(s_attr, s_val) AS TABLE
SELECT day, rule_id, event_type, n, points, points_pos, points_neg, n_cash, cash, points_cash
FROM rollup_day_rule
WHERE s_attr IS NULL
UNION ALL
SELECT day, rule_id, event_type, n, points, points_pos, points_neg, n_cash, cash, points_cash
FROM rollup_value_day_rule
WHERE ll_value_days_kept() AND s_attr IS NOT NULL
  AND attribute = s_attr AND value IN (SELECT unnest([s_val], recursive := true))
UNION ALL
SELECT day, rule_id, event_type, n, points, points_pos, points_neg, n_cash, cash, points_cash
FROM rollup_account_day
WHERE NOT ll_value_days_kept() AND s_attr IS NOT NULL AND ll_in_scope(account_id, s_attr, s_val);
