-- expiring_soon_accounts (ClickHouse): the CTE `per_account` of expiring_soon.sql, unfiltered, reduced on the cluster
-- params: {ledger}, {at} TIMESTAMP (a midnight), {months} INTEGER (expiry_months)
-- returns: account_id VARCHAR, debits DECIMAL(38,2), c0 DECIMAL(38,2), c30 DECIMAL(38,2), c60 DECIMAL(38,2), c90 DECIMAL(38,2)
-- grain: one row per account with rows before `at` whose credits expiring within 90 days exceed its debits
-- A credit row's lot expires `months` after its day (addMonths keeps the month's last day, as DuckDB's
-- day + to_months does); c0…c90 are the credits whose expiry falls before at, at + 30, 60, 90 days. An account whose
-- c90 does not pass its debits has nothing left at any horizon (c0 ≤ … ≤ c90: credits are positive), so only the
-- others come back: they are all that the query's sums and counts can see.
SELECT a AS account_id, dbt AS debits, x0 AS c0, x30 AS c30, x60 AS c60, x90 AS c90
FROM (
  SELECT account_id AS a,
         toString(-sumIf(points, points < 0)) AS dbt,
         toString(sumIf(points, points > 0 AND addMonths(toDate(occurred_at), {months}) < toDate(toDateTime({at})))) AS x0,
         toString(sumIf(points, points > 0 AND addMonths(toDate(occurred_at), {months}) < addDays(toDate(toDateTime({at})), 30))) AS x30,
         toString(sumIf(points, points > 0 AND addMonths(toDate(occurred_at), {months}) < addDays(toDate(toDateTime({at})), 60))) AS x60,
         toString(sumIf(points, points > 0 AND addMonths(toDate(occurred_at), {months}) < addDays(toDate(toDateTime({at})), 90))) AS x90
  FROM {ledger}
  WHERE occurred_at < {at}
  GROUP BY a
  HAVING sumIf(points, points > 0 AND addMonths(toDate(occurred_at), {months}) < addDays(toDate(toDateTime({at})), 90)) > -sumIf(points, points < 0)
)
