-- account_roster: one row per account of the roster (accounts table). When the roster was imported more than
-- once, an account's row from its latest import wins; accounts missing from a later import are kept.
CREATE VIEW account_roster AS
SELECT account_id, joined_at, left_at, attrs
FROM accounts
QUALIFY row_number() OVER (
  PARTITION BY account_id ORDER BY import_id DESC, joined_at DESC NULLS LAST, left_at DESC NULLS LAST
) = 1;
