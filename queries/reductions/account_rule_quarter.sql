-- account_rule_quarter: each account's rules per calendar quarter, with the months of the quarter it used them in
-- params: $from DATE (nullable), $to DATE (nullable)
-- returns: account_id VARCHAR, rule_id VARCHAR, quarter DATE, month_bits TINYINT
-- grain: one row per (account_id, rule_id, calendar quarter) with a row carrying the rule; rule_id '' (none) left out
--
-- month_bits has bit 1, 2 or 4 set when the account has a row of the rule in the quarter's first, second or third
-- month. A scope's distinct accounts per rule of one calendar quarter are then its accounts' rows here, and of one
-- month the rows with that month's bit (queries/rule_usage.sql): a count of rows already unique per account and rule,
-- where a count of distinct accounts over the period's account × day cells cost a filtered report most of its time
-- at 10 M rows. Like rule_accounts, it reads rollup_account_day once the import's runs are merged, one quarter
-- [$from, $to) at a time (src/db/rollup-merge.ts recomputes the quarters from the import's first on; a rebuild every
-- one); $from NULL is every row. Kept by a local import and a ClickHouse source that loads every row; a ClickHouse
-- source read on demand leaves it empty and counts the scope's cells instead.
SELECT account_id, rule_id, coalesce($from::DATE, date_trunc('quarter', day)::DATE) AS quarter,
       bit_or(1::TINYINT << ((month(day) - 1) % 3))::TINYINT AS month_bits
FROM rollup_account_day
WHERE rule_id <> '' AND ($from::DATE IS NULL OR (day >= $from::DATE AND day < $to::DATE))
GROUP BY account_id, rule_id, quarter
