-- audit_account_day_kept: points issued and earn rows per account and day of [since, to), as the import kept them
-- params: $since TIMESTAMP, $to TIMESTAMP
-- returns: account_id VARCHAR, day DATE, issued DOUBLE, n INTEGER
-- grain: one row per account and day with at least one earn row in [since, to)
-- audit_account_day.sql's rows without grouping: with the rollups of a local import current, rollup_earn_day holds
-- the earn cells of rollup_account_day already added up over their rules (an exact decimal per day), so
-- src/db/audit-rollup.ts makes this a view for the audit's window instead of storing millions of grouped rows on
-- every audit (about 1.5 CPU s at a year of 10 M rows).
SELECT account_id, day, points::DOUBLE AS issued, n::INTEGER AS n
FROM rollup_earn_day
WHERE day >= $since::TIMESTAMP::DATE AND day < $to::TIMESTAMP::DATE
