-- data_range: how many ledger rows there are and the span they cover, to pick a default period
-- params: none
-- returns: rows INTEGER, first_at VARCHAR (nullable), last_at VARCHAR (nullable)
-- grain: one row; first_at / last_at are null when the ledger is empty (YYYY-MM-DD HH:MM:SS, program time zone)
SELECT count(*)::INTEGER AS rows,
       strftime(min(occurred_at), '%Y-%m-%d %H:%M:%S') AS first_at,
       strftime(max(occurred_at), '%Y-%m-%d %H:%M:%S') AS last_at
FROM ledger_clean;
