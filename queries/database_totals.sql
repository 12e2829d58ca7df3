-- database_totals: size and span of what the database holds, for the home page
-- params: none
-- returns: rows INTEGER, accounts INTEGER, first VARCHAR (nullable), last VARCHAR (nullable), issued DOUBLE, outstanding DOUBLE, rejects INTEGER
-- grain: one row; outstanding is the sum of every balance now (all rows, any type), issued the sum of earn rows
SELECT count(*)::INTEGER AS rows,
       count(DISTINCT account_id)::INTEGER AS accounts,
       strftime(min(occurred_at), '%Y-%m-%d %H:%M:%S') AS first,
       strftime(max(occurred_at), '%Y-%m-%d %H:%M:%S') AS last,
       coalesce(sum(points) FILTER (WHERE event_type = 'earn'), 0)::DOUBLE AS issued,
       coalesce(sum(points), 0)::DOUBLE AS outstanding,
       (SELECT count(*) FROM rejects)::INTEGER AS rejects
FROM ledger_clean;
