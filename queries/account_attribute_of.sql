-- account_attribute_of: the value of one attribute for the listed accounts, to label a list of flags
-- params: $attribute VARCHAR, $accounts VARCHAR
-- returns: account_id VARCHAR, value VARCHAR
-- grain: one row per listed account that has a value for the attribute, by account_id; $accounts is a JSON array of
-- account ids
-- The audit list labels its few flagged accounts: reading every account's value (account_attribute.sql) costs a
-- hundred thousand rows per request on a large program.
SELECT account_id, value
FROM account_attributes
WHERE attribute = $attribute AND account_id IN (SELECT unnest(from_json($accounts, '["VARCHAR"]')))
ORDER BY account_id;
