-- attribute_values: the values of every attribute with how many accounts carry each, for filter pickers
-- params: $max_values INTEGER
-- returns: attribute VARCHAR, value VARCHAR, accounts INTEGER
-- grain: one row per (attribute, value) for attributes with at most $max_values distinct values, by attribute then
--        accounts descending then value. Attributes with more values (names, ids) are left out: nobody filters by them.
WITH counted AS (
  SELECT attribute, value, count(DISTINCT account_id)::INTEGER AS accounts
  FROM account_attributes
  GROUP BY ALL
)
SELECT attribute, value, accounts
FROM counted
QUALIFY count(*) OVER (PARTITION BY attribute) <= $max_values
ORDER BY attribute, accounts DESC, value;
