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
-- One join of the period's accounts with the roster (its rows flagged eligible), not a join and an anti join over the
-- period's accounts read twice: DuckDB plans ll_period_accounts once instead of twice (about a third of the macro's
-- planning) and builds one hash table. The period's accounts are within the scope, so the roster side is narrowed to
-- it too: an account's roster row is in the scope exactly when its period row is.
CREATE OR REPLACE TEMP MACRO participant_issued(p_from, p_to, s_attr := NULL, s_val := NULL) AS TABLE
SELECT coalesce(r.account_id, p.account_id) AS account_id, coalesce(p.issued, 0)::DECIMAL(38, 2) AS issued,
       r.account_id IS NOT NULL AS on_roster
FROM (
  SELECT account_id, earned AS issued, n_active > 0 AS active FROM ll_period_accounts(p_from, p_to, s_attr, s_val)
) p
FULL JOIN (
  SELECT account_id,
         coalesce((joined_at IS NULL OR joined_at < p_to) AND (left_at IS NULL OR left_at >= p_from), false) AS eligible
  FROM account_roster
  WHERE ll_in_scope(account_id, s_attr, s_val)
) r ON r.account_id = p.account_id
WHERE CASE WHEN r.account_id IS NULL THEN p.active ELSE r.eligible END;
