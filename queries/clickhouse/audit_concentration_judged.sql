-- audit_concentration_judged (ClickHouse): the approvers of the CTE judged of queries/audit_concentration.sql, a part of audit_concentration_rule.sql
-- params: {ledger}, {from} TIMESTAMP, {to} TIMESTAMP, {min_count} INTEGER, {min_receivers} INTEGER
-- returns: g VARCHAR
-- grain: one row per approver with at least min_count approvals and min_receivers receivers in [from, to)
SELECT g FROM ({@audit_concentration_approvals})
GROUP BY g
HAVING sum(c) >= {min_count} AND count() >= {min_receivers} AND sum(amt) > 0
