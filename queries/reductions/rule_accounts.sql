-- rule_accounts: per rule, the distinct accounts with a row carrying it in each calendar month and each quarter
-- params: $from DATE (nullable), $to DATE (nullable)
-- returns: rule_id VARCHAR, period DATE, months TINYINT, accounts BIGINT
-- grain: one row per (rule_id, period, months) with rows; months 1 = the month starting at period, 3 = the quarter
--
-- Counts the rows of rollup_account_rule_quarter (one per account, rule and quarter, with the months it was seen in
-- as bits: reductions/account_rule_quarter.sql) as they stand after the import: a distinct count cannot be added
-- across imports, so src/db/rollup-merge.ts recomputes the quarters from the one holding the import's first day on,
-- after that table's, one quarter [$from, $to) at a time; $from NULL is every quarter. The quarter's count is its
-- rows, a month's the rows with its bit. Rule usage (rule_usage.sql) of an unfiltered month or quarter then reads a
-- few dozen rows instead of the period's account × rule pairs, nearly as many as its rows.
WITH counts AS (
  SELECT rule_id, quarter, count(*) AS q, count(*) FILTER (month_bits & 1 <> 0) AS m1,
         count(*) FILTER (month_bits & 2 <> 0) AS m2, count(*) FILTER (month_bits & 4 <> 0) AS m3
  FROM rollup_account_rule_quarter
  WHERE $from::DATE IS NULL OR (quarter >= $from::DATE AND quarter < $to::DATE)
  GROUP BY rule_id, quarter
)
SELECT rule_id, quarter AS period, 3::TINYINT AS months, q::BIGINT AS accounts FROM counts
UNION ALL
SELECT rule_id, quarter, 1::TINYINT, m1::BIGINT FROM counts WHERE m1 > 0
UNION ALL
SELECT rule_id, (quarter + INTERVAL 1 MONTH)::DATE, 1::TINYINT, m2::BIGINT FROM counts WHERE m2 > 0
UNION ALL
SELECT rule_id, (quarter + INTERVAL 2 MONTH)::DATE, 1::TINYINT, m3::BIGINT FROM counts WHERE m3 > 0
