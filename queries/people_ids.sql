-- people_ids: every id that names a person (account, approver, counterparty), from the roster and the ledger
-- params: none
-- returns: id VARCHAR
-- grain: one row per distinct id, in no order; the pseudonymizer maps each pseudonym back to it
SELECT DISTINCT id
FROM (
  SELECT account_id AS id FROM accounts
  UNION ALL SELECT account_id FROM ledger
  UNION ALL SELECT approver_id FROM ledger
  UNION ALL SELECT counterparty_id FROM ledger
)
WHERE id IS NOT NULL
