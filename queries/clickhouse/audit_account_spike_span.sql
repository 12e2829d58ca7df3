-- audit_account_spike_span (ClickHouse): the CTE span of queries/audit_account_spike.sql, a part of the account-spike queries
-- params: {ledger}, {cells_from} TIMESTAMP (from − window_days), {cells_to} TIMESTAMP (to's day), {skip} VARCHAR (comma-separated YYYY-MM-DD)
-- returns: a VARCHAR, d DATE, r VARCHAR, n BIGINT, v DOUBLE, c BIGINT
-- grain: one row per earn cell of the baseline span, the program-spike days left out
SELECT a, d, r, n, v, c FROM ({@audit_earn_cells}) WHERE NOT has(splitByChar(',', {skip}), toString(d))
