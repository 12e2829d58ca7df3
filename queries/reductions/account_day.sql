-- account_day: the ledger rows of one import (or all rows) reduced to account × day × rule × type
-- params: $import_id INTEGER (nullable)
-- returns: account_id VARCHAR, day DATE, rule_id VARCHAR, event_type VARCHAR, n BIGINT, points DECIMAL(18,2), points_pos DECIMAL(18,2), points_neg DECIMAL(18,2), n_cash BIGINT, cash DECIMAL(18,2), points_cash DECIMAL(18,2)
-- grain: one row per (account_id, day, rule_id, event_type) with rows; rule_id '' when the row has none
--
-- $import_id NULL reduces the whole ledger (`ledger-lens rollups`); otherwise only that import's rows, to be merged
-- into rollup_account_day (src/db/rollup-merge.ts). day is the local date of occurred_at (program time zone).
SELECT account_id,
       occurred_at::DATE AS day,
       coalesce(rule_id, '') AS rule_id,
       event_type,
       count(*)::BIGINT AS n,
       sum(points)::DECIMAL(18,2) AS points,
       coalesce(sum(points) FILTER (WHERE points > 0), 0)::DECIMAL(18,2) AS points_pos,
       coalesce(sum(points) FILTER (WHERE points < 0), 0)::DECIMAL(18,2) AS points_neg,
       count(cash_value)::BIGINT AS n_cash,
       coalesce(sum(cash_value), 0)::DECIMAL(18,2) AS cash,
       coalesce(sum(points) FILTER (WHERE cash_value IS NOT NULL), 0)::DECIMAL(18,2) AS points_cash
FROM ledger
WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER
GROUP BY ALL
