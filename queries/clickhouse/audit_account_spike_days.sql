-- audit_account_spike_days (ClickHouse): the counts of the CTEs active and eligible of queries/audit_account_spike.sql, run on the cluster before audit_account_spike_rules.sql
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {skip} VARCHAR
-- returns: days BIGINT, eligible BIGINT
-- grain: one row: the span's active account-days (program-spike days left out), the denominator of each rule's rate;
-- and its eligible account-days (each account's days from its first active day of the span on which the ledger paid
-- anyone, program-spike days left out), the denominator of each rule's daily rate
-- Its own query, sent on as literals: as a scalar subquery of the rules query 18.16 ran it again and again. The
-- accounts are grouped by their first day, so the last step walks a few hundred days, not every account; the
-- ledger's paying days are the span's second reading (18.16 has no WITH for subqueries).
SELECT sum(n) AS days, arraySum(arrayMap((f, k) -> k * arrayCount(x -> x >= f, ds), groupArray(first), groupArray(c))) AS eligible
FROM (
  SELECT first, count() AS c, sum(n) AS n
  FROM (SELECT a, count() AS n, min(d) AS first FROM (SELECT a, d FROM ({@audit_account_spike_span}) GROUP BY a, d) GROUP BY a)
  GROUP BY first
)
CROSS JOIN (SELECT groupArray(d) AS ds FROM (SELECT d FROM ({@audit_account_spike_span}) GROUP BY d))
GROUP BY ds
