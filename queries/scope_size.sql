-- scope_size: how many accounts a page filter admits, so that a value nobody has is refused instead of showing zeros
-- params: $scope_attribute VARCHAR, $scope_value VARCHAR
-- returns: accounts INTEGER
-- grain: one row
SELECT count(DISTINCT account_id)::INTEGER AS accounts
FROM account_attributes
WHERE attribute = $scope_attribute AND value = $scope_value
