-- audit_data_version: what a stored audit was computed from: the rollups' version and the imports so far (every ledger, roster or rules import adds a row to imports; rows are never removed)
-- params: none
-- returns: data_version VARCHAR
-- grain: one row
SELECT concat_ws(':',
  (SELECT coalesce(max(version), 0) FROM rollup_state),
  (SELECT coalesce(max(import_id), 0) FROM imports),
  (SELECT count(*) FROM imports)
)::VARCHAR AS data_version;
