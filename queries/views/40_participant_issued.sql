-- participant_issued(p_from, p_to, s_attr, s_val): the fairness population of the period [p_from, p_to) (whole
-- days) within the scope (ll_in_scope; NULL attribute = everyone) with each account's issued points (Σ earn
-- points in the period; 0 for an eligible account that earned nothing).
--
-- The population (metrics.md, Fairness):
--   * roster accounts eligible in the period: joined_at before p_to (or unknown) and left_at not before p_from
--     (or unknown), zeros included;
--   * plus accounts active in the period (a row other than expire) that the roster does not list at all.
--     Without a roster this second part is the whole population, active(P). With one, it keeps the issued points
--     of unlisted accounts in the statistics instead of silently dropping them; their count is reported
--     (not_on_roster) so that a stale roster shows.
-- Roster accounts active in the period but not eligible (left before it) stay out: the roster says they had gone.
-- Per-account sums come from ll_period_accounts (the account × month rollup for a month-aligned period, else
-- rollup_account_day; a report request's one shared pass): exact decimal sums of the same rows, never raw rows.
CREATE OR REPLACE TEMP MACRO participant_issued(p_from, p_to, s_attr := NULL, s_val := NULL) AS TABLE
WITH period AS (
  SELECT account_id, earned AS issued, n_active > 0 AS active
  FROM ll_period_accounts(p_from, p_to, s_attr, s_val)
)
SELECT r.account_id, coalesce(p.issued, 0)::DECIMAL(38, 2) AS issued, true AS on_roster
FROM account_roster r
LEFT JOIN period p ON p.account_id = r.account_id
WHERE (r.joined_at IS NULL OR r.joined_at < p_to) AND (r.left_at IS NULL OR r.left_at >= p_from)
  AND ll_in_scope(r.account_id, s_attr, s_val)
UNION ALL
SELECT p.account_id, coalesce(p.issued, 0)::DECIMAL(38, 2), false
FROM period p
ANTI JOIN account_roster r ON r.account_id = p.account_id
WHERE p.active;
