-- The rollup tables: the reduction boundary (docs/query-layer.md). Reductions (queries/reductions/*.sql) are the only
-- SQL that reads raw ledger rows for the metrics; these tables keep their results, maintained inside each ledger
-- import's transaction by merging the new rows' reductions (src/db/rollups.ts), so they are never stale.
-- A ClickHouse reduction returns the same columns in the same order. Sums are DECIMAL(18,2) (Decimal64): exact
-- across merges, and about a hundred times faster to add up than DECIMAL(38,2) (128-bit) at 1M rows; a sum that
-- would pass 10^16 fails the import loudly (a cast error), never wraps.
-- rule_id is '' when the row has none (a key column must not be NULL for the merge).
-- The two tables about as long as the ledger name each column's compression (as schema.sql's ledger does, and why):
-- the method DuckDB picks for them anyway, without trying every method as each run's rows are written.

CREATE TABLE IF NOT EXISTS rollup_account_day (
  account_id  VARCHAR NOT NULL USING COMPRESSION fsst,
  day         DATE NOT NULL USING COMPRESSION bitpacking,
  rule_id     VARCHAR NOT NULL USING COMPRESSION dictionary,
  event_type  VARCHAR NOT NULL USING COMPRESSION dictionary,
  n           BIGINT NOT NULL USING COMPRESSION bitpacking,    -- rows
  points      DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points
  points_pos  DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of rows > 0
  points_neg  DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of rows < 0
  n_cash      BIGINT NOT NULL USING COMPRESSION bitpacking,    -- rows with a cash_value
  cash        DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ cash_value
  points_cash DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking -- Σ points of the rows with a cash_value
);

-- The earn rows of rollup_account_day added up per account and day (every rule): the audit's account-day series
-- (account spike, burst then redeem), read for its window instead of grouped from the rule cells on every audit.
-- Kept by a local import only: a ClickHouse source leaves it empty (src/db/clickhouse/reduce.ts), and the audit
-- there groups the cells it fetched (src/db/audit-rollup.ts).
CREATE TABLE IF NOT EXISTS rollup_earn_day (
  account_id  VARCHAR NOT NULL USING COMPRESSION fsst,
  day         DATE NOT NULL USING COMPRESSION bitpacking,
  n           BIGINT NOT NULL USING COMPRESSION bitpacking,        -- earn rows
  points      DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking  -- Σ points of earn rows
);

CREATE TABLE IF NOT EXISTS rollup_day_rule (
  day         DATE NOT NULL,
  rule_id     VARCHAR NOT NULL,
  event_type  VARCHAR NOT NULL,
  n           BIGINT NOT NULL,
  points      DECIMAL(18,2) NOT NULL,
  points_pos  DECIMAL(18,2) NOT NULL,
  points_neg  DECIMAL(18,2) NOT NULL,
  n_cash      BIGINT NOT NULL,
  cash        DECIMAL(18,2) NOT NULL,
  points_cash DECIMAL(18,2) NOT NULL
);

CREATE TABLE IF NOT EXISTS rollup_approver_hour (
  approver_id VARCHAR NOT NULL,
  day         DATE NOT NULL,
  hour        TINYINT NOT NULL,
  n           BIGINT NOT NULL,
  points      DECIMAL(18,2) NOT NULL
);

-- One row per account and month, one column per flow: the per-account sums of a month-aligned period (a quarter is
-- the sum of its months), far smaller than account × day × rule × type when accounts have many rows a month.
CREATE TABLE IF NOT EXISTS rollup_account_month (
  account_id      VARCHAR NOT NULL USING COMPRESSION fsst,
  month           DATE NOT NULL USING COMPRESSION bitpacking,  -- first day of the month
  n               BIGINT NOT NULL USING COMPRESSION bitpacking, -- rows
  n_active        BIGINT NOT NULL USING COMPRESSION bitpacking, -- rows other than expire
  n_earn          BIGINT NOT NULL USING COMPRESSION bitpacking, -- earn rows
  points          DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points, every type
  earned          DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of earn rows
  deducted        DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of deduct rows (≤ 0)
  redeemed        DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of redeem rows (≤ 0)
  expired         DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of expire rows (≤ 0)
  adjusted_pos    DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of adjust rows > 0
  adjusted_neg    DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking, -- Σ points of adjust rows < 0
  transferred_pos DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking -- Σ points of transfer rows > 0 (received)
);

-- Derived from the account × month rows as they are merged (queries/reductions/account_quarter.sql, account_first.sql):
-- a quarter's per-account pass reads one row per account, and a cohort one row per account, whatever the history.
CREATE TABLE IF NOT EXISTS rollup_account_quarter (
  account_id  VARCHAR NOT NULL,
  quarter     DATE NOT NULL,                -- first day of the calendar quarter
  n           BIGINT NOT NULL,              -- rows
  n_active    BIGINT NOT NULL,              -- rows other than expire
  n_earn      BIGINT NOT NULL,              -- earn rows
  earned      DECIMAL(18,2) NOT NULL        -- Σ points of earn rows
);

CREATE TABLE IF NOT EXISTS rollup_account_first (
  account_id  VARCHAR NOT NULL,
  first_month DATE NOT NULL                 -- month of the account's first row other than expire
);

-- Distinct accounts per rule and calendar month (months = 1) or quarter (months = 3): not additive, so an import
-- recomputes the quarters it touches from rollup_account_day (queries/reductions/rule_accounts.sql).
CREATE TABLE IF NOT EXISTS rollup_rule_accounts (
  rule_id     VARCHAR NOT NULL,
  period      DATE NOT NULL,                -- first day of the month or quarter
  months      TINYINT NOT NULL,             -- 1 or 3
  accounts    BIGINT NOT NULL
);

-- Each account's rules per calendar quarter, the months it used them in as bits 1, 2, 4 (queries/reductions/
-- account_rule_quarter.sql): the source of the distinct accounts per rule (rollup_rule_accounts unfiltered,
-- rollup_value_rule_quarter per attribute value), and of a user's scope's own counts. Recomputed
-- per quarter like rollup_rule_accounts, one quarter after the other and clustered by account within it (sorted by
-- the id's hash: cheaper than by the text), so a quarter reads its own row groups and an account's id repeats within one. Almost as long as the ledger (8.6 M rows at 10 M),
-- so its compression is named as above: DuckDB's own analysis cost a third of the write, and a dictionary of ids
-- sorted this way is what it mostly picks (the scope's semi-join then reads codes, not text).
CREATE TABLE IF NOT EXISTS rollup_account_rule_quarter (
  account_id  VARCHAR NOT NULL USING COMPRESSION dictionary,
  rule_id     VARCHAR NOT NULL USING COMPRESSION dictionary,
  quarter     DATE NOT NULL USING COMPRESSION bitpacking,     -- first day of the calendar quarter
  month_bits  TINYINT NOT NULL USING COMPRESSION bitpacking   -- bit 1, 2, 4: a row of the rule in its 1st, 2nd, 3rd month
);

-- Month sums per attribute value (queries/reductions/value_month.sql), recomputed with rollup_account_attributes.
CREATE TABLE IF NOT EXISTS rollup_value_month (
  attribute   VARCHAR NOT NULL,
  value       VARCHAR NOT NULL,
  month       DATE NOT NULL,
  n           BIGINT NOT NULL,
  points      DECIMAL(18,2) NOT NULL,       -- Σ points, every type
  earned      DECIMAL(18,2) NOT NULL,
  redeemed    DECIMAL(18,2) NOT NULL,
  expired     DECIMAL(18,2) NOT NULL
);

-- Accounts per cohort and active month, and cohort sizes (month NULL), unfiltered (attribute NULL) and per attribute
-- value (queries/reductions/cohort_month.sql), recomputed with rollup_account_attributes: a month-aligned retention grid.
CREATE TABLE IF NOT EXISTS rollup_cohort_month (
  attribute   VARCHAR,
  value       VARCHAR,
  cohort      DATE NOT NULL,
  month       DATE,
  accounts    BIGINT NOT NULL
);

-- Day × rule × type sums per attribute value (queries/reductions/value_day_rule.sql), recomputed with
-- rollup_account_attributes: a filter's program totals and daily chart without adding up its accounts' days.
CREATE TABLE IF NOT EXISTS rollup_value_day_rule (
  attribute   VARCHAR NOT NULL,
  value       VARCHAR NOT NULL,
  day         DATE NOT NULL,
  rule_id     VARCHAR NOT NULL,
  event_type  VARCHAR NOT NULL,
  n           BIGINT NOT NULL,
  points      DECIMAL(18,2) NOT NULL,
  points_pos  DECIMAL(18,2) NOT NULL,
  points_neg  DECIMAL(18,2) NOT NULL,
  n_cash      BIGINT NOT NULL,
  cash        DECIMAL(18,2) NOT NULL,
  points_cash DECIMAL(18,2) NOT NULL
);

-- Rule × quarter distinct accounts per attribute value, whole quarter and each month of it
-- (queries/reductions/value_rule_quarter.sql), recomputed with rollup_account_attributes: a filter's rule usage.
CREATE TABLE IF NOT EXISTS rollup_value_rule_quarter (
  attribute   VARCHAR NOT NULL,
  value       VARCHAR NOT NULL,
  rule_id     VARCHAR NOT NULL,
  quarter     DATE NOT NULL,
  accounts    INTEGER NOT NULL,
  accounts_m1 INTEGER NOT NULL,
  accounts_m2 INTEGER NOT NULL,
  accounts_m3 INTEGER NOT NULL
);

-- One row per side: a transfer is two ledger rows (giver < 0, receiver > 0); an export may hold only one side.
CREATE TABLE IF NOT EXISTS rollup_transfer_edge (
  giver_id    VARCHAR NOT NULL,
  receiver_id VARCHAR NOT NULL,
  day         DATE NOT NULL,
  giver_side  BOOLEAN NOT NULL,
  n           BIGINT NOT NULL,
  points      DECIMAL(18,2) NOT NULL      -- Σ |points|
);

-- Each account's latest row (max occurred_at, ties: the largest event_id) and its attributes.
CREATE TABLE IF NOT EXISTS account_latest (
  account_id    VARCHAR NOT NULL,
  last_at       TIMESTAMP NOT NULL,
  last_event_id VARCHAR NOT NULL,
  department    VARCHAR,
  region        VARCHAR,
  extra         JSON
);

-- Present once the rollups cover every ledger row (written by the import and by `ledger-lens rollups`).
CREATE TABLE IF NOT EXISTS rollup_state (
  id       INTEGER PRIMARY KEY,
  version  INTEGER NOT NULL
);

-- The account_attributes view's rows (roster first, else account_latest), recomputed by every ledger and roster import.
CREATE TABLE IF NOT EXISTS rollup_account_attributes (
  account_id VARCHAR NOT NULL,
  attribute  VARCHAR NOT NULL,
  value      VARCHAR NOT NULL
);
