-- scope_size: how many accounts a page filter admits, so that a value nobody has is refused instead of showing zeros
-- params: $scope_attribute VARCHAR, $scope_value VARCHAR
-- returns: accounts INTEGER
-- grain: one row
--
-- $scope_value may also be bound as a VARCHAR[] (a manager's scope of several values): accounts with any of them.
-- The rows ll_in_scope selects, counted directly: account_attributes holds at most one row per account and
-- attribute, so no distinct and no second pass over the table are needed.
SELECT count(*)::INTEGER AS accounts
FROM account_attributes
WHERE attribute = $scope_attribute AND value IN (SELECT unnest([$scope_value], recursive := true))
