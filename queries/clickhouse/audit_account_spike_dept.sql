-- audit_account_spike_dept (ClickHouse): each account's department (the CTE dept of queries/audit_account_spike.sql), a part of audit_account_spike_cand.sql
-- params: {ledger}, {roster} a query of (a, rd): the roster's department per account, trimmed, '' when none (written by src/db/clickhouse/demand.ts from the checked --accounts-table name, or one empty row without a roster)
-- returns: a VARCHAR, department VARCHAR
-- grain: one row per account with a roster department or ledger rows
-- As account_attributes: the roster's value, else the latest row's (latest = max occurred_at, ties broken by the
-- largest event_id, as account_latest.sql; the value travels in a one-element tuple, since argMax skips NULLs);
-- '' when neither has one, the peer group of accounts without a department. Only the accounts the roster leaves
-- without a department are looked up in the ledger: with a full roster that pass reads the account ids alone.
SELECT a, rd AS department FROM ({roster}) WHERE rd != ''
UNION ALL
SELECT account_id AS a, ifNull(argMax(tuple(department), (occurred_at, event_id)).1, '') AS department
FROM {ledger}
WHERE account_id GLOBAL NOT IN (SELECT a FROM ({roster}) WHERE rd != '')
GROUP BY a
