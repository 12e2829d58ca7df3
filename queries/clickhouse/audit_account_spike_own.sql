-- audit_account_spike_own (ClickHouse): the CTE own of queries/audit_account_spike.sql (each candidate's trailing history), run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {account_set} VARCHAR tuple, {account_keys} VARCHAR[], {account_lo} INTEGER[], {account_hi} INTEGER[], {account_days} VARCHAR[], {window_days} INTEGER
-- returns: account_id VARCHAR, day DATE, history DOUBLE[], since INTEGER
-- grain: one row per candidate account-day (account_days: each account's candidate days, comma-separated YYYY-MM-DD)
-- history: the account's day totals (the sum of its earn cells, as audit_account_day.sql sums them) on its active
-- days in the window_days before the candidate day, in day order; empty when it has none. Each account's day totals
-- over its span as one sorted array (18.16 has no window functions), then every candidate day of the account picks
-- its window from it: what comes back is at most window_days numbers per candidate, however long the ledger.
-- since: days from the account's first earn day in the whole ledger to the candidate day, as the DuckDB query's
-- (its first_earn): the accounts' earn rows before `to`, of the listed accounts only (a set, which a table ordered
-- by account reads by its key).
SELECT a AS account_id, toDate(c) AS day,
       arrayMap(x -> x.2, arrayFilter(x -> x.1 >= toDate(c) - {window_days} AND x.1 < toDate(c), ds)) AS history,
       toInt32(toRelativeDayNum(toDate(c)) - toRelativeDayNum(first_day)) AS since
FROM (
  SELECT a, arraySort(groupArray((d, issued))) AS ds
  FROM (
    SELECT account_id AS a, day AS d, sum(issued) AS issued
    FROM ({@audit_account_spike_cells})
    GROUP BY a, d
  )
  GROUP BY a
)
ARRAY JOIN splitByChar(',', transform(a, {account_keys}, {account_days}, '')) AS c
ANY INNER JOIN (
  SELECT account_id AS a, min(toDate(occurred_at)) AS first_day
  FROM {ledger}
  WHERE event_type = 'earn' AND account_id IN {account_set} AND occurred_at < {cells_to}
  GROUP BY a
) USING a
