-- audit_account_spike_peer (ClickHouse): the CTE peer of queries/audit_account_spike.sql, a part of audit_account_spike_cand.sql
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {skip} VARCHAR, {roster} (audit_account_spike_dept.sql)
-- returns: department VARCHAR, peer_median DOUBLE, peer_mad DOUBLE
-- grain: one row per department with active account-days in the span
-- No window functions in 18.16: the median and the unscaled MAD of the department's account-day totals are read
-- from sorted arrays at rank r = (N − 1)/2, lo + (hi − lo)·(r − ⌊r⌋), the numbers DuckDB's histogram gives.
SELECT department, m AS peer_median,
       ds[toUInt64(floor(rk)) + 1] + (ds[toUInt64(ceil(rk)) + 1] - ds[toUInt64(floor(rk)) + 1]) * (rk - floor(rk)) AS peer_mad
FROM (
  SELECT department, arraySort(groupArray(issued)) AS vs, (length(vs) - 1) * 0.5 AS rk,
         vs[toUInt64(floor(rk)) + 1] + (vs[toUInt64(ceil(rk)) + 1] - vs[toUInt64(floor(rk)) + 1]) * (rk - floor(rk)) AS m,
         arraySort(arrayMap(x -> abs(x - m), vs)) AS ds
  FROM (
    SELECT a, issued, department
    FROM (SELECT a, d, sum(v) AS issued FROM ({@audit_account_spike_span}) GROUP BY a, d)
    ANY LEFT JOIN ({@audit_account_spike_dept}) USING a
  )
  GROUP BY department
)
