-- The canonical tables every import writes and every query reads (ledger-format.md).
-- occurred_at is wall-clock time in the program time zone: periods are [from, to) in that zone,
-- so comparing against local dates needs no conversion at query time.
CREATE SEQUENCE IF NOT EXISTS import_seq START 1;

CREATE TABLE IF NOT EXISTS imports (
  import_id     INTEGER PRIMARY KEY,
  kind          VARCHAR NOT NULL,          -- ledger | accounts | rules
  file_name     VARCHAR NOT NULL,
  file_size     BIGINT NOT NULL,
  sha256        VARCHAR NOT NULL,
  format        VARCHAR NOT NULL,          -- csv | parquet | ndjson
  encoding      VARCHAR NOT NULL,
  imported_at   TIMESTAMP NOT NULL,
  rows_read     BIGINT NOT NULL,
  accepted      BIGINT NOT NULL,
  quarantined   BIGINT NOT NULL,
  duplicates    BIGINT NOT NULL,
  mapping       JSON NOT NULL,
  warnings      JSON NOT NULL
);

-- The columns every ledger fills name their compression: the choice DuckDB makes for them anyway (ids FSST, times and
-- amounts bit-packed, types and rules a dictionary; same file size), without trying every method on each segment as
-- it writes, which cost a third of writing 10M rows. Columns that vary by export (reason, extra, …) are left to DuckDB:
-- a wrong fixed choice there doubled the file in a trial.
CREATE TABLE IF NOT EXISTS ledger (
  event_id        VARCHAR NOT NULL USING COMPRESSION fsst,
  occurred_at     TIMESTAMP NOT NULL USING COMPRESSION bitpacking,
  account_id      VARCHAR NOT NULL USING COMPRESSION fsst,
  points          DECIMAL(18,2) NOT NULL USING COMPRESSION bitpacking,
  event_type      VARCHAR NOT NULL USING COMPRESSION dictionary,
  rule_id         VARCHAR USING COMPRESSION dictionary,
  experiment_id   VARCHAR,
  variant         VARCHAR,
  counterparty_id VARCHAR,
  approver_id     VARCHAR,
  category        VARCHAR,
  cash_value      DECIMAL(18,2),
  reason          VARCHAR,
  department      VARCHAR USING COMPRESSION dictionary,
  region          VARCHAR,
  extra           JSON,                    -- every other source column, as text by source name
  -- No attrs map is stored: building one per row doubled the cost of a 10M-row insert; ledger_clean derives it.
  import_id       INTEGER NOT NULL USING COMPRESSION rle,
  source_line     BIGINT NOT NULL USING COMPRESSION bitpacking
);

CREATE TABLE IF NOT EXISTS rejects (
  import_id  INTEGER NOT NULL,
  line       BIGINT NOT NULL,
  raw        JSON NOT NULL,                -- the source values as read, by source column name
  reasons    VARCHAR[] NOT NULL
);

CREATE TABLE IF NOT EXISTS accounts (
  account_id VARCHAR NOT NULL,
  joined_at  DATE,
  left_at    DATE,
  attrs      MAP(VARCHAR, VARCHAR),
  import_id  INTEGER NOT NULL,
  source_line BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS rules (
  rule_id    VARCHAR NOT NULL,
  name       VARCHAR,
  tier       VARCHAR,
  points     DECIMAL(18,2),
  daily_cap  DECIMAL(18,2),
  import_id  INTEGER NOT NULL,
  source_line BIGINT NOT NULL
);

-- One row: the program settings (config file) in force, as validated JSON.
CREATE TABLE IF NOT EXISTS program (
  id      INTEGER PRIMARY KEY,
  config  JSON NOT NULL
);

-- An auditor's case list: marks on audit flags by their stable id (src/audit/flag-id.ts). Appended, never
-- rewritten, so the history of a case stays; the latest mark of a flag is its status. No import touches it.
CREATE TABLE IF NOT EXISTS flag_marks (
  flag_id     VARCHAR NOT NULL,
  check_name  VARCHAR NOT NULL,
  account_id  VARCHAR,                     -- the flag's account or approver, null for a program or group flag
  flag_from   DATE NOT NULL,
  flag_to     DATE NOT NULL,
  status      VARCHAR NOT NULL,            -- reviewed | false_positive | escalated | open (a mark taken back)
  note        VARCHAR NOT NULL,
  user_name   VARCHAR NOT NULL,
  marked_at   TIMESTAMP NOT NULL
);

-- Audits computed ahead of time (src/server/audit-store.ts): one row per period, valid only while its settings hash
-- and data version match the database's (a mismatch is recomputed, never read). Derived: deleting rows is harmless.
CREATE TABLE IF NOT EXISTS audit_results (
  period_from   DATE NOT NULL,
  period_to     DATE NOT NULL,
  settings_hash VARCHAR NOT NULL,            -- sha256 of the audit settings and program config the audit ran with
  data_version  VARCHAR NOT NULL,            -- audit_data_version.sql at the time: changes with every import
  result        JSON NOT NULL,               -- the AuditResult
  PRIMARY KEY (period_from, period_to)
);
