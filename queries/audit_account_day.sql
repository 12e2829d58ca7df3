-- audit_account_day: points issued per account and day, summed from the account-rule-day rollup, with the account's department
-- params: none
-- returns: account_id VARCHAR, day DATE, issued DOUBLE, department VARCHAR (nullable)
-- grain: one row per account and day with at least one earn row; needs TEMP audit_account_rule_day
-- src/audit/rollup.ts stores it as the TEMP table audit_account_day next to audit_account_rule_day. department (the
-- account_spike peer group) is an attribute of the account, not of its rows: the roster's value, else the one on
-- the account's latest ledger row (account_attributes), joined once per account-day instead of carried per row.
WITH d AS (
  SELECT account_id, day, sum(issued)::DOUBLE AS issued FROM audit_account_rule_day GROUP BY account_id, day
)
SELECT d.account_id, d.day, d.issued, a.value AS department
FROM d LEFT JOIN account_attributes a ON a.account_id = d.account_id AND a.attribute = 'department'
