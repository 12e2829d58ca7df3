-- rule_accounts: per rule, the distinct accounts with a row carrying it in each calendar month and each quarter
-- params: $from DATE (nullable), $to DATE (nullable)
-- returns: rule_id VARCHAR, period DATE, months TINYINT, accounts BIGINT
-- grain: one row per (rule_id, period, months) with rows; months 1 = the month starting at period, 3 = the quarter
--
-- Reads rollup_account_day as it stands after the import's merge: a distinct count cannot be added across imports,
-- so src/db/rollup-merge.ts recomputes the quarters from the one holding the import's first day on, one quarter
-- [$from, $to) at a time (a whole ledger's account × rule × month triples at once would not fit in memory at 10 M
-- rows); $from NULL is every row. Rule usage (rule_usage.sql) of an unfiltered month or quarter then reads a few
-- dozen rows instead of grouping the period's account × rule pairs, nearly as many as its rows. rule_id '' (none) is
-- left out.
-- Each (rule, account, quarter) is grouped once, with the months it was seen in as bits: the quarter's count is its
-- rows, a month's the rows with its bit (cheaper than a distinct count per grain). With $from, which starts the one
-- quarter read, the quarter is that constant rather than each row's own (a quarter of the pass's CPU at 2M rows).
WITH masks AS (
  SELECT rule_id, coalesce($from::DATE, date_trunc('quarter', day)::DATE) AS quarter,
         bit_or(1::UTINYINT << ((month(day) - 1) % 3)) AS m
  FROM rollup_account_day
  WHERE rule_id <> '' AND ($from::DATE IS NULL OR (day >= $from::DATE AND day < $to::DATE))
  GROUP BY rule_id, account_id, quarter
),
counts AS (
  SELECT rule_id, quarter, count(*) AS q, count(*) FILTER (m & 1 <> 0) AS m1, count(*) FILTER (m & 2 <> 0) AS m2,
         count(*) FILTER (m & 4 <> 0) AS m3
  FROM masks
  GROUP BY rule_id, quarter
)
SELECT rule_id, quarter AS period, 3::TINYINT AS months, q::BIGINT AS accounts FROM counts
UNION ALL
SELECT rule_id, quarter, 1::TINYINT, m1::BIGINT FROM counts WHERE m1 > 0
UNION ALL
SELECT rule_id, (quarter + INTERVAL 1 MONTH)::DATE, 1::TINYINT, m2::BIGINT FROM counts WHERE m2 > 0
UNION ALL
SELECT rule_id, (quarter + INTERVAL 2 MONTH)::DATE, 1::TINYINT, m3::BIGINT FROM counts WHERE m3 > 0
