-- value_month: the account × month sums added up per attribute value and month, for the month sums of a filter
-- params: none
-- returns: attribute VARCHAR, value VARCHAR, month DATE, n BIGINT, points DECIMAL(18,2), earned DECIMAL(18,2), redeemed DECIMAL(18,2), expired DECIMAL(18,2)
-- grain: one row per (attribute, value, month) with rows of accounts that have the value
--
-- Recomputed with rollup_account_attributes whenever it is (src/db/rollup-attributes.ts: every ledger and roster import, the
-- rebuild, a ClickHouse source's start), from rollup_account_month and the attributes as they now stand: an account
-- whose value changed takes its whole history along, as a filter by account does (ll_in_scope). Each account has at
-- most one value per attribute, so a filter's month sums are the sums of its values' rows (views/36,
-- ll_scoped_months_direct): stocks and the monthly series of a filtered page then read a few hundred rows instead
-- of every account-month of the scope.
SELECT a.attribute, a.value, m.month,
       sum(m.n)::BIGINT AS n,
       sum(m.points)::DECIMAL(18,2) AS points,
       sum(m.earned)::DECIMAL(18,2) AS earned,
       sum(m.redeemed)::DECIMAL(18,2) AS redeemed,
       sum(m.expired)::DECIMAL(18,2) AS expired
FROM rollup_account_month m
JOIN rollup_account_attributes a ON a.account_id = m.account_id
GROUP BY ALL
