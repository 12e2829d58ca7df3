-- cohort_month: accounts per cohort and active calendar month, and each cohort's size, unfiltered and per attribute value
-- params: none
-- returns: attribute VARCHAR (nullable), value VARCHAR (nullable), cohort DATE, month DATE (nullable), accounts BIGINT
-- grain: one row per (attribute, value, cohort, month); attribute and value NULL = every account; month NULL = the cohort's size
--
-- Recomputed with rollup_account_attributes whenever it is (src/db/rollup-attributes.ts: every ledger and roster
-- import, the rebuild, a ClickHouse source's start), since a cohort depends on the roster's joined_at and a value's
-- accounts on the attributes. An account's cohort is cohort_retention.sql's: the month of the roster's joined_at,
-- else its first month with a row other than expire (rollup_account_first). For a grid that ends on a 1st the
-- cohort does not depend on the grid's end (the first active month before it is the first of all, or none), so
-- cohort_retention reads a month-aligned grid from these few thousand rows (cohorts in [from, to), months before
-- `to`) instead of joining its cohorts' accounts to every account-month of the year. `accounts` of a month counts
-- the cohort's accounts with a row other than expire in it, from the cohort's month on. An account has at most one
-- value per attribute, so a filter of several values adds up their rows.
WITH cohorts AS (
  SELECT coalesce(date_trunc('month', r.joined_at)::DATE, f.first_month) AS cohort,
         coalesce(f.account_id, r.account_id) AS account_id
  FROM rollup_account_first f
  FULL JOIN account_roster r ON r.account_id = f.account_id
),
cells AS (
  SELECT account_id, cohort, NULL::DATE AS month
  FROM cohorts
  WHERE cohort IS NOT NULL
  UNION ALL
  SELECT c.account_id, c.cohort, m.month
  FROM cohorts c
  JOIN rollup_account_month m ON m.account_id = c.account_id
  WHERE m.n_active > 0 AND m.month >= c.cohort
)
SELECT NULL::VARCHAR AS attribute, NULL::VARCHAR AS value, cohort, month, count(*)::BIGINT AS accounts
FROM cells
GROUP BY ALL
UNION ALL
SELECT a.attribute, a.value, c.cohort, c.month, count(*)::BIGINT AS accounts
FROM cells c
JOIN rollup_account_attributes a ON a.account_id = c.account_id
GROUP BY ALL
