-- audit_account_spike_levels (ClickHouse): the CTE levels of queries/audit_account_spike.sql, run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {skip} VARCHAR
-- returns: rule_id VARCHAR, n INTEGER, c BIGINT
-- grain: one row per rule and awards per account-day in the span: how many account-days paid it that many times
SELECT r AS rule_id, n, count() AS c FROM ({@audit_account_spike_span}) GROUP BY r, n
