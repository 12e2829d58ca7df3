-- audit_burst_redeem_hist (ClickHouse): the ledger side of the CTE hist of queries/audit_burst_redeem.sql, run on the cluster
-- params: {ledger}, {accounts} VARCHAR[], {account_set} the same as a tuple, {days} VARCHAR[] ('YYYY-MM-DD,…' per account), {dormant_days} INTEGER
-- returns: account_id VARCHAR, day DATE, n_h BIGINT, pts_h DECIMAL(38,2) (nullable), first_h DATE, last_h DATE (nullable), n_w BIGINT, last_earn DATE
-- grain: one row per burst start (account, day) with earn rows before the day; {days}[i] lists the start days of
-- {accounts}[i] (the query's own CTE starts, run locally over the rollups)
-- The earning history before each start, in the columns of hist: n_h, pts_h, last_h over the rows before the dormant
-- window (day - dormant_days), first_h and last_earn over all rows before the day, n_w over the dormant window.
-- NULL where DuckDB's FILTER aggregates find no row; the sum travels as exact decimal text.
-- Each row finds its account's start days through transform (a hash lookup of two constant lists of scalars) and
-- the scan keeps the starts' accounts through IN (a set): has(), indexOf() and arrayElement of a constant array of
-- arrays work row by row on the whole list (84 s, then 18 s, for 4,600 starts over 1 M rows, measured here). An
-- account not listed gets 1970-01-01, before every row.
SELECT a AS account_id, s AS day, nh AS n_h, ph AS pts_h, fh AS first_h, lh AS last_h, nw AS n_w, le AS last_earn
FROM (
  SELECT account_id AS a, s, countIf(occurred_at < cut) AS nh,
         if(nh = 0, NULL, toString(sumIf(points, occurred_at < cut))) AS ph, toString(min(toDate(occurred_at))) AS fh,
         if(nh = 0, NULL, toString(maxIf(toDate(occurred_at), occurred_at < cut))) AS lh,
         countIf(occurred_at >= cut) AS nw, toString(max(toDate(occurred_at))) AS le
  FROM (
    SELECT account_id, occurred_at, points, s, toDateTime(s - {dormant_days}) AS cut
    FROM {ledger}
    ARRAY JOIN arrayMap(x -> toDate(x), splitByChar(',', transform(account_id, {accounts}, {days}, '1970-01-01'))) AS s
    WHERE event_type = 'earn' AND account_id IN {account_set} AND occurred_at < toDateTime(s)
  )
  GROUP BY a, s
)
