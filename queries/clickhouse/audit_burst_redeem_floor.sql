-- audit_burst_redeem_floor (ClickHouse): the CTE floor of queries/audit_burst_redeem.sql, run on the cluster before audit_burst_redeem_starts.sql
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {from_day} DATE, {quantile} DOUBLE
-- returns: q DOUBLE
-- grain: one row: the period's account-day totals at quantile (quantile_cont), from their histogram (value, count)
-- sorted, the values at ranks ⌊p⌋ and ⌈p⌉ being the first whose running count passes them.
SELECT arrayFirst((x, u) -> u > floor(p), hv, cum) + (arrayFirst((x, u) -> u > ceil(p), hv, cum)
         - arrayFirst((x, u) -> u > floor(p), hv, cum)) * (p - floor(p)) AS q
FROM (
  SELECT arraySort(groupArray((iv, c))) AS h, arrayMap(x -> x.1, h) AS hv, arrayCumSum(arrayMap(x -> x.2, h)) AS cum,
         (sum(c) - 1) * {quantile} AS p
  FROM (SELECT iv, count() AS c FROM (SELECT a, d, sum(v) AS iv FROM ({@audit_earn_cells}) WHERE d >= {from_day} GROUP BY a, d) GROUP BY iv)
)
