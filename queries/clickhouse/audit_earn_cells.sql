-- audit_earn_cells (ClickHouse): earn cells per account, day and rule of [{cells_from}, {cells_to}), the grain of queries/audit_account_rule_day.sql; a part of the account-spike, burst and cap queries
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP
-- returns: a VARCHAR, d DATE, r VARCHAR, n BIGINT, v DOUBLE, c BIGINT
-- grain: one row per account, day and rule ('' = none) with earn rows
-- v is the cell's exact sum made a DOUBLE, as DuckDB's sum(points)::DOUBLE of the rollup cell; c the same in
-- integer cents (18.16 crashes on a Decimal inside groupArray or argMax, so sums that travel on travel as cents).
SELECT account_id AS a, toDate(occurred_at) AS d, ifNull(rule_id, '') AS r, count() AS n,
       toFloat64(sum(points)) AS v, toInt64(sum(points) * 100) AS c
FROM {ledger}
WHERE event_type = 'earn' AND occurred_at >= {cells_from} AND occurred_at < {cells_to}
GROUP BY a, d, r
