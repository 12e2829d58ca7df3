-- filter_people: the accounts a filter admits (within the request's scope, if any), to hold a filter to the minimum group size
-- params: $scope_attribute VARCHAR (nullable), $scope_value VARCHAR (nullable)
-- returns: id VARCHAR
-- grain: one row per distinct account; a NULL attribute admits every account that has any attribute
SELECT DISTINCT account_id AS id
FROM account_attributes
WHERE ll_in_scope(account_id, $scope_attribute, $scope_value)
