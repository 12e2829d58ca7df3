-- cohort_retention: monthly cohorts of accounts and the share of each cohort active k months later
-- params: $from DATE, $to DATE, $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: cohort DATE, k INTEGER, cohort_size INTEGER, active INTEGER, share DOUBLE
-- grain: one row per (cohort month starting in [from, to), k = 0 .. the last month before `to`), by cohort then k
--
-- An account's cohort is the calendar month of its first row other than expire, or the month of joined_at when
-- the roster gives one (then k = 0 need not be 1, and activity before joining, k < 0, is not shown).
-- active(c, k) = cohort accounts with a non-expire row in month c + k; share = active / cohort_size.
-- Months run to the one containing to − 1 µs, so a cut last month counts only its rows before `to`.
-- A grid that ends on a 1st reads rollup_cohort_month (reductions/cohort_month.sql: accounts per cohort and active
-- month, and cohort sizes, per attribute value) where the rollups are kept: its cohorts in [from, to) and months
-- before `to`, a few hundred rows. Any other grid computes the same from ll_account_months (account × month sums;
-- rollup_account_day when `to` is not a 1st), roster and activity both within the scope (ll_in_scope): only months
-- from the grid's first cohort on are joined (a cohort is never earlier), and each account's first active month is
-- grouped from its activity before `to`, both from one read of the macro (two cost twice the planning, and at
-- 10 M rows a grid ending mid-month 2.3× the CPU). One path yields rows; every branch of the other is cut by its
-- constant condition, so it reads nothing.
WITH months AS (
  SELECT account_id, month
  FROM ll_account_months(NULL, $to::DATE, $scope_attribute, $scope_value)
  WHERE NOT (ll_kept_rollups() AND ll_month_aligned(NULL, $to::DATE)) AND n_active > 0
),
activity AS (
  SELECT account_id, month
  FROM months
  WHERE month >= date_trunc('month', $from::DATE)
),
firsts AS (
  SELECT account_id, min(month) AS first_month
  FROM months
  GROUP BY account_id
),
cohorts AS (
  SELECT coalesce(date_trunc('month', r.joined_at)::DATE, f.first_month) AS cohort, coalesce(f.account_id, r.account_id) AS account_id
  FROM firsts f
  FULL JOIN (
    SELECT * FROM account_roster
    WHERE NOT (ll_kept_rollups() AND ll_month_aligned(NULL, $to::DATE))
      AND ll_in_scope(account_id, $scope_attribute, $scope_value)
  ) r ON r.account_id = f.account_id
),
-- The accounts of the grid's cohorts only: older accounts' activity is never joined.
members AS (
  SELECT cohort, account_id
  FROM cohorts
  WHERE cohort >= date_trunc('month', $from::DATE::TIMESTAMP) AND cohort < $to::DATE::TIMESTAMP
),
-- The rollup's rows of the grid: the scope's values (or the unfiltered rows), its cohorts, months before `to`.
kept AS (
  SELECT cohort, month, accounts
  FROM rollup_cohort_month
  WHERE ll_kept_rollups() AND ll_month_aligned(NULL, $to::DATE)
    AND (CASE WHEN $scope_attribute IS NULL THEN attribute IS NULL
              ELSE attribute = $scope_attribute AND value IN (SELECT unnest([$scope_value], recursive := true)) END)
    AND cohort >= date_trunc('month', $from::DATE) AND cohort < $to::DATE
    AND (month IS NULL OR month < $to::DATE)
),
sized AS (
  SELECT cohort, sum(accounts) AS cohort_size
  FROM kept
  WHERE month IS NULL
  GROUP BY cohort
  UNION ALL
  SELECT cohort, count(*)
  FROM members
  GROUP BY cohort
),
grid AS (
  SELECT s.cohort, s.cohort_size, k
  FROM sized s,
       range(0, datediff('month', s.cohort, ($to::DATE::TIMESTAMP - INTERVAL 1 MICROSECOND)::DATE) + 1) AS t(k)
),
-- Counted per cohort and calendar month, then k taken once per group: datediff over every joined account-month cost
-- about a third of the query at 100,000 accounts.
hits AS (
  SELECT cohort, month, sum(accounts) AS active
  FROM kept
  WHERE month IS NOT NULL
  GROUP BY ALL
  UNION ALL
  SELECT c.cohort, a.month, count(*)
  FROM members c JOIN activity a ON a.account_id = c.account_id
  WHERE a.month >= c.cohort
  GROUP BY ALL
)
SELECT g.cohort,
       g.k::INTEGER AS k,
       g.cohort_size::INTEGER AS cohort_size,
       coalesce(h.active, 0)::INTEGER AS active,
       ll_ratio(coalesce(h.active, 0), g.cohort_size) AS share
FROM grid g
LEFT JOIN (SELECT cohort, datediff('month', cohort, month) AS k, active FROM hits) h ON h.cohort = g.cohort AND h.k = g.k
ORDER BY g.cohort, g.k;
