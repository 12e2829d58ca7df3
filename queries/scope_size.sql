-- scope_size: how many accounts a page filter admits, so that a value nobody has is refused instead of showing zeros
-- params: $scope_attribute VARCHAR, $scope_value VARCHAR
-- returns: accounts INTEGER
-- grain: one row
--
-- $scope_value may also be bound as a VARCHAR[] (a manager's scope of several values): accounts with any of them.
SELECT count(DISTINCT account_id)::INTEGER AS accounts
FROM account_attributes
WHERE ll_in_scope(account_id, $scope_attribute, $scope_value) AND attribute = $scope_attribute
