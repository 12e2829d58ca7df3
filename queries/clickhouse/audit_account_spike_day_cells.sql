-- audit_account_spike_day_cells (ClickHouse): what the CTE counts of queries/audit_account_spike.sql reads of audit_account_rule_day for the candidates, run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {account_set} VARCHAR tuple, {account_keys} VARCHAR[], {account_lo} INTEGER[], {account_hi} INTEGER[], {account_days} VARCHAR[]
-- returns: account_id VARCHAR, day DATE, rule_id VARCHAR, issued DOUBLE, n INTEGER
-- grain: one row per candidate account-day and rule paid that day
-- The candidate days' own cells only (account_days: each account's candidate days, comma-separated YYYY-MM-DD, in
-- the order of account_keys): counts keeps the candidate day's rules paid twice or more; the window before it
-- reaches the query as each candidate's history (audit_account_spike_own.sql).
SELECT account_id, day, rule_id, issued, n
FROM ({@audit_account_spike_cells})
WHERE has(splitByChar(',', transform(account_id, {account_keys}, {account_days}, '')), toString(day))
