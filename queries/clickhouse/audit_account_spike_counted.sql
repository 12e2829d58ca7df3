-- audit_account_spike_counted (ClickHouse): the CTE counted of queries/audit_account_spike.sql, a part of audit_account_spike_cand.sql
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {skip} VARCHAR, {from_day} DATE, {camp_all_keys} VARCHAR[], {camp_all_mults} DOUBLE[], {camp_rule_keys} VARCHAR[], {camp_rule_mults} DOUBLE[] (those of audit_account_spike_rules.sql)
-- returns: a VARCHAR, d DATE, counted UInt8
-- grain: one row per account-day of the period with a rule paid at least twice above the rule's mean count per
-- account-day, or reached by the other account-days less often than a Poisson count at the rule's rate
-- A rule's account-days by count travel as two arrays (counts, account-days); at_least(k) sums those of counts ≥ k.
-- No level at or above the count (a program-spike day's count the span never saw) is DuckDB's NULL sum: no test.
SELECT a, d, toUInt8(1) AS counted
FROM (
  SELECT a, d, n, usual_n, rate, self, arrayFilter((y, x) -> x >= n, lc, ln) AS f_n,
         arrayFilter((y, x) -> x >= n - 1, lc, ln) AS f_b
  FROM (
    SELECT a, d, r, n, usual_n, rate, if(has(splitByChar(',', {skip}), toString(d)), 0, 1) AS self
    FROM (SELECT a, d, r, n FROM ({@audit_earn_cells}) WHERE d >= {from_day} AND n >= 2) AS j_cells
    ALL INNER JOIN (SELECT rule_id AS r, usual_n, rate FROM ({@audit_account_spike_rules})) AS j_rules USING r
  ) AS j_counts
  ALL INNER JOIN (
    SELECT rule_id AS r, groupArray(n) AS ln, groupArray(c) AS lc FROM ({@audit_account_spike_levels}) GROUP BY rule_id
  ) AS j_levels USING r
)
WHERE n > usual_n OR (length(f_n) > 0 AND (arraySum(f_n) - self) < (arraySum(f_b) - self) * rate / n)
GROUP BY a, d
