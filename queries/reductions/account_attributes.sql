-- account_attributes: every attribute of every account in long form, as the account_attributes table keeps it
-- params: none
-- returns: account_id VARCHAR, attribute VARCHAR, value VARCHAR
-- grain: one row per (account, attribute) with a value
--
-- Recomputed inside each ledger or roster import's transaction (src/db/rollup-attributes.ts), so a filter or a group-by
-- never recomputes it per query: it joins the roster (account_roster) with account_latest.
--
-- Sources, per (account, attribute):
--   1. the roster (account_roster.attrs, plus joined_at / left_at as YYYY-MM-DD) when it has a value;
--   2. otherwise the ledger, the latest value wins: the attributes of the account's latest row (ties on
--      occurred_at broken by the largest event_id): department, region and every other source column (extra),
--      kept by the import in account_latest.
-- Empty strings count as no value. A ledger export carries the same attribute columns on every row, so "latest
-- row" and "latest value per attribute" agree in practice.
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
ledger_values AS (
  SELECT account_id, e.key AS attribute, e.value AS value
  FROM (
    SELECT account_id,
           unnest(list_concat(
             [{'key': 'department', 'value': department}, {'key': 'region', 'value': region}],
             list_filter(coalesce(map_entries(CAST(extra AS MAP(VARCHAR, VARCHAR))), []), x -> x.key NOT IN ('department', 'region'))
           )) AS e
    FROM account_latest
  )
  WHERE e.value IS NOT NULL AND e.value <> ''
)
SELECT account_id, attribute, value FROM roster_values
UNION ALL
SELECT l.account_id, l.attribute, l.value
FROM ledger_values l
ANTI JOIN roster_values r ON r.account_id = l.account_id AND r.attribute = l.attribute
