-- value_day_rule: the account × day × rule × type sums added up per attribute value, for a filter's day × rule sums
-- params: none
-- returns: attribute VARCHAR, value VARCHAR, day DATE, rule_id VARCHAR, event_type VARCHAR, n BIGINT, points DECIMAL(18,2), points_pos DECIMAL(18,2), points_neg DECIMAL(18,2), n_cash BIGINT, cash DECIMAL(18,2), points_cash DECIMAL(18,2)
-- grain: one row per (attribute, value, day, rule_id, event_type) with rows of accounts that have the value
--
-- Recomputed with rollup_account_attributes whenever it is (src/db/rollup-attributes.ts), from rollup_account_day and the
-- attributes as they now stand, like value_month: an account whose value changed takes its whole history along, as
-- a filter by account does (ll_in_scope). Each account has at most one value per attribute, so a filter's day ×
-- rule sums are the sums of its values' rows (views/35, ll_scoped_days): a filtered page's program totals (flows,
-- ROI, tier mix), its daily chart and its rule spikes then read a few thousand rows instead of adding up every
-- account-day of the scope per request.
SELECT a.attribute, a.value, d.day, d.rule_id, d.event_type,
       sum(d.n)::BIGINT AS n,
       sum(d.points)::DECIMAL(18,2) AS points,
       sum(d.points_pos)::DECIMAL(18,2) AS points_pos,
       sum(d.points_neg)::DECIMAL(18,2) AS points_neg,
       sum(d.n_cash)::BIGINT AS n_cash,
       sum(d.cash)::DECIMAL(18,2) AS cash,
       sum(d.points_cash)::DECIMAL(18,2) AS points_cash
FROM rollup_account_day d
JOIN rollup_account_attributes a ON a.account_id = d.account_id
GROUP BY ALL
