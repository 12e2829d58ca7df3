-- approver_hour: approved rows of one import (or all rows) reduced to approver × day × hour
-- params: $import_id INTEGER (nullable)
-- returns: approver_id VARCHAR, day DATE, hour TINYINT, n BIGINT, points DECIMAL(18,2)
-- grain: one row per (approver_id, day, hour of occurred_at) with rows that carry an approver_id
--
-- The approval time is the row's occurred_at (local time); off-hours checks need the hour and the weekday of day.
SELECT approver_id,
       occurred_at::DATE AS day,
       hour(occurred_at)::TINYINT AS hour,
       count(*)::BIGINT AS n,
       sum(points)::DECIMAL(18,2) AS points
FROM ledger
WHERE approver_id IS NOT NULL AND ($import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER)
GROUP BY ALL
