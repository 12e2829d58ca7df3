-- audit_burst_redeem_starts (ClickHouse): the CTE first_starts of queries/audit_burst_redeem.sql (the burst starts before the pace bound), run on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP (the audit window's first day), {cells_to} TIMESTAMP (to's day), {from_day} DATE, {burst_days} INTEGER, {dormant_days} INTEGER, {q} DOUBLE (audit_burst_redeem_floor.sql's answer)
-- returns: account_id VARCHAR, day DATE, burst DOUBLE, n_seen BIGINT, m_cut DATE
-- grain: one row per account and first day of a run of candidate days in the period
-- DuckDB's windows over audit_account_day (the account-days of the audit's window) as arrays, since 18.16 has no
-- window functions: per account its days in order (ds) with their earn rows (ns) and points in cents (cs), and for
-- each day x the day burst_days earning days back (lag: ds shifted; 1970-01-01 when there is none), the points of
-- [x, x + burst_days) and the earn rows of [x − dormant_days, x). Those two are differences of running sums, found
-- by sorting the days together with the bounds x − dormant_days (before the days on it) and x + burst_days − 1
-- (after them): no lambda reads another array of the row, which 18.16 would copy for every element (n² per
-- account). The running sums are integers (earn rows, cents), so each difference is exact; burst is its cents over
-- 100, the exact sum DuckDB's double sum rounds to. q: the period's account-day totals at quantile, found first by
-- audit_burst_redeem_floor.sql and sent as a literal (18.16 ran it as a scalar subquery here once per block: 9× the
-- time of the whole query at 3 M rows). A
-- candidate is a first start when the previous candidate of the account is burst_days or more before it.
SELECT a AS account_id, s.1 AS day, s.2 AS burst, s.3 AS n_seen, toStartOfMonth(s.1 - ({dormant_days} + 1)) AS m_cut
FROM (
  SELECT a, arrayFilter((x, p) -> p = toDate(0) OR x.1 - p >= {burst_days}, cand,
                        arrayPopBack(arrayPushFront(arrayMap(x -> x.1, cand), toDate(0)))) AS firsts
  FROM (
    SELECT a, arraySort(groupArray((d, nv, cv))) AS t, arrayMap(x -> x.1, t) AS ds, arrayMap(x -> x.2, t) AS ns,
           arrayMap(x -> x.3, t) AS cs,
           arraySort(arrayConcat(
             arrayMap((x, n, c) -> (x, toUInt8(1), n, c), ds, ns, cs),
             arrayMap(x -> (x - {dormant_days}, toUInt8(0), toUInt64(0), toInt64(0)), ds),
             arrayMap(x -> (x + ({burst_days} - 1), toUInt8(2), toUInt64(0), toInt64(0)), ds))) AS m,
           arrayFilter((v, e) -> e.2 = 0, arrayCumSum(arrayMap(e -> e.3, m)), m) AS n_before,
           arrayFilter((v, e) -> e.2 = 2, arrayCumSum(arrayMap(e -> e.4, m)), m) AS c_upto,
           arrayMap((u, c1, c0) -> u - (c1 - c0), c_upto, arrayCumSum(cs), cs) AS burst_c,
           arrayMap((c1, n0, b) -> c1 - n0 - b, arrayCumSum(ns), ns, n_before) AS seen,
           arraySlice(arrayConcat(arrayMap(i -> toDate(0), range({burst_days})), ds), 1, length(ds)) AS back,
           arrayFilter(x -> x.1 >= {from_day} AND x.2 >= {q} AND (x.4 = toDate(0) OR x.1 - x.4 > {dormant_days}),
                       arrayMap((x, b, n, k) -> (x, b / 100, n, k), ds, burst_c, seen, back)) AS cand
    FROM (SELECT a, d, sum(n) AS nv, sum(c) AS cv FROM ({@audit_earn_cells}) GROUP BY a, d)
    GROUP BY a
  )
)
ARRAY JOIN firsts AS s
