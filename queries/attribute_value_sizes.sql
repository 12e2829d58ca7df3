-- attribute_value_sizes: how many accounts carry each value of one attribute, as a report's `by` groups count them
-- params: $attribute VARCHAR
-- returns: value VARCHAR (nullable), n INTEGER
-- grain: one row per value; the NULL value counts the accounts without the attribute
SELECT a.value, count(*)::INTEGER AS n
FROM (SELECT DISTINCT account_id FROM account_attributes) p
LEFT JOIN account_attributes a ON a.account_id = p.account_id AND a.attribute = $attribute
GROUP BY a.value
