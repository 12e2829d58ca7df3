-- audit_burst_redeem_starts (ClickHouse): the CTE first_starts of queries/audit_burst_redeem.sql (the burst starts before the pace bound), run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP (the audit window's first day), {cells_to} TIMESTAMP (to's day), {from_day} DATE, {burst_days} INTEGER, {dormant_days} INTEGER, {quantile} DOUBLE
-- returns: account_id VARCHAR, day DATE, burst DOUBLE, n_seen BIGINT, m_cut DATE
-- grain: one row per account and first day of a run of candidate days in the period
-- DuckDB's windows over audit_account_day (the account-days of the audit's window) as arrays, since 18.16 has no
-- window functions: per account its days in order, and for each day of the period the day burst_days earning days
-- back (lag; 1970-01-01 when there is none), the points of [day, day + burst_days) (burst) and the earn rows of
-- [day − dormant_days, day) (n_seen). q: the period's account-day totals at quantile, lo + (hi − lo)·(p − ⌊p⌋) at
-- p = (N − 1)·quantile (quantile_cont), read from their histogram. A candidate is a first start when the previous
-- candidate of the account is burst_days or more before it.
SELECT a AS account_id, s.1 AS day, s.2 AS burst, s.3 AS n_seen, toStartOfMonth(s.1 - ({dormant_days} + 1)) AS m_cut
FROM (
  SELECT a, arrayFilter((x, k) -> k = 1 OR x.1 - cs[k - 1].1 >= {burst_days}, cs, arrayEnumerate(cs)) AS firsts
  FROM (
    WITH ({@audit_burst_redeem_floor}) AS q
    SELECT a, arraySort(groupArray((d, iv, nv))) AS t, arrayMap(x -> x.1, t) AS ds, arrayMap(x -> x.2, t) AS vs,
           arrayMap(x -> x.3, t) AS ns,
           arrayFilter(x -> x.1 >= {from_day} AND x.2 >= q AND (x.4 = toDate(0) OR x.1 - x.4 > {dormant_days}),
             arrayMap((x, i) -> (x,
                                 arraySum(arrayFilter((y, e) -> e >= x AND e <= x + ({burst_days} - 1), vs, ds)),
                                 arraySum(arrayFilter((y, e) -> e >= x - {dormant_days} AND e <= x - 1, ns, ds)),
                                 if(i > {burst_days}, ds[i - {burst_days}], toDate(0))),
                      ds, arrayEnumerate(ds))) AS cs
    FROM (SELECT a, d, sum(v) AS iv, sum(n) AS nv FROM ({@audit_earn_cells}) GROUP BY a, d)
    GROUP BY a
  )
)
ARRAY JOIN firsts AS s
