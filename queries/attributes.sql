-- attributes: every attribute the accounts carry (roster and ledger), with how many accounts have a value
-- params: none
-- returns: attribute VARCHAR, accounts INTEGER, distinct_values INTEGER
-- grain: one row per attribute, by name
SELECT attribute,
       count(DISTINCT account_id)::INTEGER AS accounts,
       count(DISTINCT value)::INTEGER AS distinct_values
FROM account_attributes
GROUP BY attribute
ORDER BY attribute;
