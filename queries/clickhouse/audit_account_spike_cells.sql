-- audit_account_spike_cells (ClickHouse): the earn cells of the candidates' accounts over their windows (queries/audit_account_rule_day.sql's columns), a part of audit_account_spike_own.sql and audit_account_spike_day_cells.sql
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {account_set} VARCHAR tuple, {account_keys} VARCHAR[], {account_lo} INTEGER[], {account_hi} INTEGER[]
-- returns: account_id VARCHAR, day DATE, rule_id VARCHAR, issued DOUBLE, n INTEGER
-- grain: one row per account, day and rule with earn rows in [cells_from, cells_to), of the listed accounts only, on
-- the days from account_lo to account_hi of each (days since 1970-01-01)
-- From window_days before an account's first candidate day to its last (src/db/clickhouse/spike-literals.ts). The
-- accounts filter the scan itself (a set), so only their rows are grouped. These cells stay on the cluster: what
-- comes back is each candidate's trailing history (…_own) and the candidate days' own cells (…_day_cells), since
-- the window's cells grow with the ledger (at 100 M rows they filled the local database's memory).
SELECT a AS account_id, d AS day, r AS rule_id, v AS issued, c AS n
FROM (
  SELECT account_id AS a, toDate(occurred_at) AS d, ifNull(rule_id, '') AS r, toFloat64(sum(points)) AS v, count() AS c
  FROM {ledger}
  WHERE event_type = 'earn' AND account_id IN {account_set} AND occurred_at >= {cells_from} AND occurred_at < {cells_to}
    AND toUInt16(toDate(occurred_at)) >= transform(account_id, {account_keys}, {account_lo}, 65535)
    AND toUInt16(toDate(occurred_at)) <= transform(account_id, {account_keys}, {account_hi}, 0)
  GROUP BY a, d, r
)
