-- audit_account_day: points issued per account and day, summed from the account-rule-day rollup
-- params: none
-- returns: account_id VARCHAR, day DATE, issued DOUBLE, department VARCHAR
-- grain: one row per account and day with at least one earn row; needs TEMP audit_account_rule_day
-- src/audit/rollup.ts stores it as the TEMP table audit_account_day next to audit_account_rule_day.
SELECT account_id, day, sum(issued)::DOUBLE AS issued, min(department) AS department
FROM audit_account_rule_day
GROUP BY account_id, day
