-- value_rule_quarter: each rule's distinct accounts per attribute value, calendar quarter and month of the quarter
-- params: none
-- returns: attribute VARCHAR, value VARCHAR, rule_id VARCHAR, quarter DATE, accounts INTEGER, accounts_m1 INTEGER, accounts_m2 INTEGER, accounts_m3 INTEGER
-- grain: one row per (attribute, value, rule_id, quarter) with an account of the value using the rule in the quarter
--
-- Recomputed with rollup_account_attributes whenever it is (src/db/rollup-attributes.ts), from
-- rollup_account_rule_quarter (one row per account, rule and quarter) and the attributes as they now stand, like
-- value_day_rule. accounts_m1..m3 count the rows with the quarter's first, second or third month bit. An account
-- has one value per attribute, so a scope's distinct accounts per rule are the sum over its values' rows
-- (queries/rule_usage.sql): a filtered rule usage reads a few rows instead of semi-joining the scope's accounts
-- with every row of the quarter (~1.1 M at 10 M ledger rows, whose hash clustering no account filter can skip).
SELECT a.attribute, a.value, r.rule_id, r.quarter,
       count(*)::INTEGER AS accounts,
       count(*) FILTER (WHERE r.month_bits & 1 <> 0)::INTEGER AS accounts_m1,
       count(*) FILTER (WHERE r.month_bits & 2 <> 0)::INTEGER AS accounts_m2,
       count(*) FILTER (WHERE r.month_bits & 4 <> 0)::INTEGER AS accounts_m3
FROM rollup_account_rule_quarter r
JOIN rollup_account_attributes a ON a.account_id = r.account_id
GROUP BY ALL
