-- audit_account_spike_days (ClickHouse): the count of the CTE days of queries/audit_account_spike.sql, run on the cluster before audit_account_spike_rules.sql
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {skip} VARCHAR
-- returns: days BIGINT
-- grain: one row: the span's active account-days (program-spike days left out), the denominator of each rule's rate
-- Its own query, sent on as a literal: as a scalar subquery of the rules query 18.16 ran it again and again.
SELECT count() AS days FROM (SELECT a, d FROM ({@audit_account_spike_span}) GROUP BY a, d)
