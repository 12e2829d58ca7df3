-- account_attribute: every account's value of one attribute, to label flags and rows with a department or region
-- params: $attribute VARCHAR
-- returns: account_id VARCHAR, value VARCHAR
-- grain: one row per account that has a value for the attribute, by account_id
SELECT account_id, value
FROM account_attributes
WHERE attribute = $attribute
ORDER BY account_id;
