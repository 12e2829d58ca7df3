-- audit_account_rule_day_kept: earn points per account, day and rule, read from the import-time rollup
-- params: $since TIMESTAMP, $to TIMESTAMP
-- returns: account_id VARCHAR, day DATE, rule_id VARCHAR, issued DOUBLE, n INTEGER, department VARCHAR
-- grain: one row per account, day and rule ('' = no rule) with at least one earn row in [since, to)
-- The same rows as audit_account_rule_day.sql, from rollup_account_day (kept with each import) instead of the ledger:
-- src/audit/rollup.ts uses it whenever the rollups are current, so an audit no longer reduces the raw rows itself.
-- department is the account's ledger department: account_latest's (an export repeats it on every row), and where the
-- latest row has none (a redemption or transfer row without it), any of the account's earn rows in the range, read
-- from the ledger for those accounts only. An account that changed department inside the range gets its latest one
-- on every day (the raw query took any row of each day).
WITH cells AS (
  SELECT account_id, day, rule_id, points, n
  FROM rollup_account_day
  WHERE event_type = 'earn' AND day >= $since::TIMESTAMP::DATE AND day < $to::TIMESTAMP::DATE
),
latest AS (
  SELECT account_id, department FROM account_latest WHERE account_id IN (SELECT account_id FROM cells)
),
missing AS (
  SELECT account_id, any_value(department) AS department
  FROM ledger
  WHERE event_type = 'earn' AND occurred_at >= $since::TIMESTAMP AND occurred_at < $to::TIMESTAMP
    AND account_id IN (SELECT account_id FROM latest WHERE department IS NULL)
  GROUP BY account_id
)
SELECT c.account_id, c.day, c.rule_id, c.points::DOUBLE AS issued, c.n::INTEGER AS n,
       coalesce(l.department, m.department) AS department
FROM cells c LEFT JOIN latest l USING (account_id) LEFT JOIN missing m USING (account_id)
