-- ledger_clean: the ledger as every metric reads it, with `attrs`, every attribute of the row as one map.
-- points stay DECIMAL(18,2): sums are exact (DuckDB sums decimals in 128-bit integers) and are cast to DOUBLE only
-- in each query's final SELECT. occurred_at is wall-clock time in the program time zone, so a period [from, to)
-- is compared with `$from::TIMESTAMP` directly. The importer has already validated types and signs, so nothing
-- is filtered here.
-- attrs is derived, not stored (schema.sql): department and region have their own columns, every other source
-- column is in the `extra` JSON. Building the map costs a little per row, so queries that only need one attribute
-- of many rows read the columns (see account_attributes); DuckDB computes attrs only when a query selects it.
CREATE VIEW ledger_clean AS
SELECT event_id, occurred_at, account_id, points, event_type, rule_id, experiment_id, variant, counterparty_id,
       approver_id, category, cash_value, reason, department, region, extra,
       map_concat(
         CASE WHEN department IS NULL THEN MAP {} ELSE MAP {'department': department} END,
         CASE WHEN region IS NULL THEN MAP {} ELSE MAP {'region': region} END,
         coalesce(CAST(extra AS MAP(VARCHAR, VARCHAR)), MAP {})
       ) AS attrs,
       import_id, source_line
FROM ledger_rows;

-- account_roster: one row per account of the roster (accounts table). When the roster was imported more than
-- once, an account's row from its latest import wins; accounts missing from a later import are kept.
CREATE VIEW account_roster AS
SELECT account_id, joined_at, left_at, attrs
FROM roster_rows
QUALIFY row_number() OVER (
  PARTITION BY account_id ORDER BY import_id DESC, joined_at DESC NULLS LAST, left_at DESC NULLS LAST
) = 1;

-- account_attributes(account_id, attribute, value): every attribute of every account in long form, so one query
-- serves any attribute and no column name is ever spliced into SQL (queries filter `attribute = $attribute`).
-- At most one row per (account, attribute).
--
-- Sources, per (account, attribute):
--   1. the roster (account_roster.attrs, plus joined_at / left_at as YYYY-MM-DD) when it has a value;
--   2. otherwise the ledger, the latest value wins: the attributes of the account's latest row (ties on
--      occurred_at broken by the largest event_id): department, region and every other source column (extra).
-- Empty strings count as no value.
-- Why the latest row, found by max(occurred_at) and a join back: attrs is a virtual column built per row
-- (schema.sql), and arg_max over text re-copies the text on every newer row of a time-ordered ledger; at 10M
-- rows the join costs about 0.5 s and either alternative 1–5 s. A ledger export carries the same attribute
-- columns on every row, so "latest row" and "latest value per attribute" agree in practice.
CREATE VIEW account_attributes AS
WITH roster_long AS (
  SELECT account_id, e.key AS attribute, e.value AS value
  FROM (SELECT account_id, unnest(map_entries(attrs)) AS e FROM account_roster)
  UNION ALL
  SELECT account_id, 'joined_at', strftime(joined_at, '%Y-%m-%d') FROM account_roster WHERE joined_at IS NOT NULL
  UNION ALL
  SELECT account_id, 'left_at', strftime(left_at, '%Y-%m-%d') FROM account_roster WHERE left_at IS NOT NULL
),
roster_values AS (
  SELECT account_id, attribute, value FROM roster_long WHERE value IS NOT NULL AND value <> ''
),
latest_at AS (
  SELECT account_id, max(occurred_at) AS at FROM ledger_rows GROUP BY account_id
),
latest AS (
  SELECT l.account_id,
         arg_max(l.department, l.event_id) AS department,
         arg_max(l.region, l.event_id) AS region,
         arg_max(l.extra, l.event_id) AS extra
  FROM ledger_rows l JOIN latest_at m ON l.account_id = m.account_id AND l.occurred_at = m.at
  GROUP BY l.account_id
),
ledger_values AS (
  SELECT account_id, e.key AS attribute, e.value AS value
  FROM (
    SELECT account_id,
           unnest(list_concat(
             [{'key': 'department', 'value': department}, {'key': 'region', 'value': region}],
             list_filter(coalesce(map_entries(CAST(extra AS MAP(VARCHAR, VARCHAR))), []), x -> x.key NOT IN ('department', 'region'))
           )) AS e
    FROM latest
  )
  WHERE e.value IS NOT NULL AND e.value <> ''
)
SELECT account_id, attribute, value FROM roster_values
UNION ALL
SELECT l.account_id, l.attribute, l.value
FROM ledger_values l
ANTI JOIN roster_values r ON r.account_id = l.account_id AND r.attribute = l.attribute;

-- participant_issued(p_from, p_to): the fairness population of the period [p_from, p_to) with each account's
-- issued points (Σ earn points in the period; 0 for an eligible account that earned nothing).
--
-- The population (metrics.md, Fairness):
--   * roster accounts eligible in the period: joined_at before p_to (or unknown) and left_at not before p_from
--     (or unknown), zeros included;
--   * plus accounts active in the period (a row other than expire) that the roster does not list at all.
--     Without a roster this second part is the whole population, active(P). With one, it keeps the issued points
--     of unlisted accounts in the statistics instead of silently dropping them; their count is reported
--     (not_on_roster) so that a stale roster shows.
-- Roster accounts active in the period but not eligible (left before it) stay out: the roster says they had gone.
CREATE OR REPLACE TEMP MACRO participant_issued(p_from, p_to) AS TABLE
WITH period AS (
  SELECT account_id,
         sum(CASE WHEN event_type = 'earn' THEN points END) AS issued,
         bool_or(event_type <> 'expire') AS active
  FROM ledger_clean
  WHERE occurred_at >= p_from AND occurred_at < p_to
  GROUP BY account_id
)
SELECT r.account_id, coalesce(p.issued, 0)::DECIMAL(38, 2) AS issued, true AS on_roster
FROM account_roster r
LEFT JOIN period p ON p.account_id = r.account_id
WHERE (r.joined_at IS NULL OR r.joined_at < p_to) AND (r.left_at IS NULL OR r.left_at >= p_from)
UNION ALL
SELECT p.account_id, coalesce(p.issued, 0)::DECIMAL(38, 2), false
FROM period p
ANTI JOIN account_roster r ON r.account_id = p.account_id
WHERE p.active;

