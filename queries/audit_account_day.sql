-- audit_account_day: points issued and earn rows per account and day, summed from the account-rule-day rollup
-- params: none
-- returns: account_id VARCHAR, day DATE, issued DOUBLE, n INTEGER
-- grain: one row per account and day with at least one earn row; needs TEMP audit_account_rule_day
-- src/db/audit-rollup.ts stores it once per audit (its connections read it through a TEMP view of that name) next to audit_account_rule_day. The peer group
-- of account_spike (department) is an attribute of the account, not of its rows: that query joins it from
-- account_attributes for the account-days it judges, instead of each account-day carrying the text.
-- n: the day's earn rows (burst_redeem counts the rows of a dormant window from it).
SELECT account_id, day, sum(issued)::DOUBLE AS issued, sum(n)::INTEGER AS n FROM audit_account_rule_day GROUP BY account_id, day
