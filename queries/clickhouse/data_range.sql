-- data_range (ClickHouse): the whole of queries/data_range.sql, run on the cluster (a count and a min/max)
-- params: {ledger}
-- returns: rows INTEGER, first_at VARCHAR (nullable), last_at VARCHAR (nullable)
-- grain: one row
-- toString of a DateTime is YYYY-MM-DD HH:MM:SS in the column's time zone, the wall clock the rows are read in.
SELECT c AS rows, if(c = 0, NULL, f) AS first_at, if(c = 0, NULL, l) AS last_at
FROM (
  SELECT toInt64(count()) AS c, toString(min(occurred_at)) AS f, toString(max(occurred_at)) AS l
  FROM {ledger}
)
