-- earn_day: the earn rows of one import (or all rows) reduced to account × day
-- params: $import_id INTEGER (nullable)
-- returns: account_id VARCHAR, day DATE, n BIGINT, points DECIMAL(18,2)
-- grain: one row per (account_id, day) with earn rows
--
-- rollup_account_day's earn cells added up over their rules, from the rows of each run of months (as account_day
-- reads them, so the two agree cell for cell): the audit reads an account's daily earnings for a year of days
-- (src/db/audit-rollup.ts) instead of grouping millions of rule cells on every audit. Exact decimal sums, so adding
-- an import's rows to a stored day equals reducing all of them.
SELECT account_id,
       occurred_at::DATE AS day,
       count(*)::BIGINT AS n,
       sum(points)::DECIMAL(18,2) AS points
FROM ledger
WHERE event_type = 'earn' AND ($import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER)
GROUP BY ALL
