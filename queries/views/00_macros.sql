-- Scalar helpers shared by the metric files. TEMP, so that a database opened read-only can still define them.

-- months(P) (metrics.md): whole calendar months when P starts and ends on month boundaries (a quarter = 3),
-- else days(P) / 30.4375.
CREATE OR REPLACE TEMP MACRO ll_months(f, t) AS
  CASE WHEN f = date_trunc('month', f) AND t = date_trunc('month', t)
       THEN datediff('month', f, t)::DOUBLE
       ELSE (epoch(t) - epoch(f)) / 86400.0 / 30.4375 END;

-- a / b as DOUBLE, NULL when b is NULL or 0: a ratio that cannot be computed is null, never 0, never NaN.
CREATE OR REPLACE TEMP MACRO ll_ratio(a, b) AS
  CASE WHEN b IS NULL OR b = 0 THEN NULL ELSE a::DOUBLE / b::DOUBLE END;

-- r·ln(r) with its limit 0·ln 0 = 0 (Theil). Issued points are never negative, so r < 0 does not arise.
CREATE OR REPLACE TEMP MACRO ll_xlnx(r) AS
  CASE WHEN r > 0 THEN r * ln(r) ELSE 0.0 END;

-- Whether the rollups derived for interactive reads (rollup_account_quarter, rollup_account_first,
-- rollup_rule_accounts, rollup_value_month) are kept as tables, as every import and a ClickHouse source keep them.
-- The one-shot `report --ledger` makes them views of its rows and redefines this as false on its connection
-- (src/db/rollups-one-shot.ts, buildReportRollups): the metrics then take the branches that add up a period's rows. A
-- constant either way, so DuckDB runs only one branch.
CREATE OR REPLACE TEMP MACRO ll_kept_rollups() AS true;

-- Whether rollup_value_day_rule holds every account-day of every value: true where the account × day rollup is whole
-- (an imported file). A ClickHouse source fetches account × day cells per query, so its connections redefine this as
-- false (src/db/database.ts, attachRemote) and a filter's day × rule sums add up the scope's cells (views/35).
-- A branch of a table macro whose condition starts `WHERE NOT ll_kept_rollups()` or `WHERE NOT ll_value_days_kept()`
-- is left out of a connection's views while both are true (DuckDB would bind and plan it in every call);
-- Database.keepsLess, the only way to make either false, defines those macros in full again (src/db/kept-branches.ts).
CREATE OR REPLACE TEMP MACRO ll_value_days_kept() AS ll_kept_rollups();
