-- audit_account_spike_peer (ClickHouse): the CTEs cand0's department and peer of queries/audit_account_spike.sql per account, a part of audit_account_spike_cand.sql
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP, {skip} VARCHAR, {roster} (audit_account_spike_dept.sql)
-- returns: a VARCHAR, department VARCHAR, peer_median DOUBLE, peer_mad DOUBLE
-- grain: one row per account with earn rows in [cells_from, cells_to) whose department has active account-days in
-- the span (program-spike days left out)
-- No window functions in 18.16: the median and the unscaled MAD of the department's account-day totals are read
-- from sorted arrays at rank r = (N − 1)/2, lo + (hi − lo)·(r − ⌊r⌋), the numbers DuckDB's histogram gives. Each
-- department's accounts travel with its numbers, so the accounts' departments (a pass over every row for the latest
-- one) are read once for both.
SELECT a, department, peer_median, peer_mad
FROM (
  SELECT department, accts, m AS peer_median,
         ds[toUInt64(floor(rk)) + 1] + (ds[toUInt64(ceil(rk)) + 1] - ds[toUInt64(floor(rk)) + 1]) * (rk - floor(rk)) AS peer_mad
  FROM (
    SELECT department, groupUniqArray(a) AS accts, arraySort(groupArrayIf(issued, keep = 1)) AS vs, (length(vs) - 1) * 0.5 AS rk,
           vs[toUInt64(floor(rk)) + 1] + (vs[toUInt64(ceil(rk)) + 1] - vs[toUInt64(floor(rk)) + 1]) * (rk - floor(rk)) AS m,
           arraySort(arrayMap(x -> abs(x - m), vs)) AS ds
    FROM (
      SELECT a, issued, keep, department
      FROM (
        SELECT a, d, sum(v) AS issued, if(has(splitByChar(',', {skip}), toString(d)), 0, 1) AS keep
        FROM ({@audit_earn_cells})
        GROUP BY a, d
      ) AS j_days
      ANY LEFT JOIN ({@audit_account_spike_dept}) AS j_dept USING a
    )
    GROUP BY department
    HAVING length(vs) > 0
  )
)
ARRAY JOIN accts AS a
