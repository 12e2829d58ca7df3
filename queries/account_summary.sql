-- account_summary: one account's ledger rows, first and last day, and department
-- params: $account_id VARCHAR
-- returns: rows INTEGER, first_day VARCHAR (nullable), last_day VARCHAR (nullable), department VARCHAR (nullable), known BOOLEAN
-- grain: one row (rows = 0 and known = false for an id the ledger and the roster do not have)
SELECT coalesce(sum(d.n), 0)::INTEGER AS rows,
       strftime(min(d.day), '%Y-%m-%d') AS first_day,
       strftime(max(d.day), '%Y-%m-%d') AS last_day,
       (SELECT any_value(value) FROM account_attributes WHERE account_id = $account_id AND attribute = 'department') AS department,
       (count(d.account_id) > 0 OR EXISTS (SELECT 1 FROM account_roster WHERE account_id = $account_id)) AS known
FROM rollup_account_day d
WHERE d.account_id = $account_id;
