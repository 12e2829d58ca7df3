-- ab_accounts: every account of an experiment with its arm and its metrics over the window and the pre-period
-- params: $experiment VARCHAR, $from TIMESTAMP, $to TIMESTAMP, $pre_from TIMESTAMP, $rule VARCHAR
-- returns: account_id VARCHAR, variant VARCHAR, variants INTEGER, issued DOUBLE, issued_all DOUBLE, redeemed DOUBLE, active_days INTEGER, retained INTEGER, issued_pre DOUBLE, active_pre BOOLEAN
-- grain: one row per account in the experiment, ascending by variant, then account_id
--
-- Arms: from the TEMP table ab_assignments (account_id, experiment_id, variant; filled from --assignments, empty
-- otherwise) when it lists the experiment; else from the `variant` of the ledger rows tagged with the experiment.
-- An account tagged with several variants keeps the one of its earliest row (by ledger, or the smallest variant by
-- assignment) and `variants` counts them, so the caller can report the conflict. An assigned account without any
-- row in the window is kept with zeros: the unit is the assigned account, not the active one.
-- Window [from, to); pre-period [pre_from, from), the equal-length period before (the CUPED covariate).
-- issued      Σ earn points in the window, of rule $rule only when $rule is not null.
-- issued_all  Σ earn points in the window over every rule (the denominator of the redemption ratio).
-- redeemed    −Σ redeem points in the window.
-- active_days distinct calendar days with a row other than expire in the window.
-- retained    1 when the account has a row other than expire in the last 30 days of the window
--             ([to − 30 days, to), clipped to the window), else 0.
-- issued_pre  issued (same rule filter) in the pre-period; active_pre: any row other than expire there.
WITH assigned AS (
  SELECT account_id, min(variant) AS variant, count(DISTINCT variant) AS variants
  FROM ab_assignments
  WHERE experiment_id = $experiment::VARCHAR
  GROUP BY account_id
),
tagged AS (
  SELECT account_id, arg_min(variant, occurred_at) AS variant, count(DISTINCT variant) AS variants
  FROM ledger_clean
  WHERE experiment_id = $experiment::VARCHAR AND variant IS NOT NULL AND variant <> ''
    AND NOT EXISTS (SELECT 1 FROM assigned)
  GROUP BY account_id
),
arms AS (
  SELECT * FROM assigned
  UNION ALL
  SELECT * FROM tagged
),
per AS (
  SELECT l.account_id,
         sum(l.points) FILTER (WHERE l.event_type = 'earn' AND l.occurred_at >= $from::TIMESTAMP
                                 AND ($rule::VARCHAR IS NULL OR l.rule_id = $rule::VARCHAR)) AS issued,
         sum(l.points) FILTER (WHERE l.event_type = 'earn' AND l.occurred_at >= $from::TIMESTAMP) AS issued_all,
         -sum(l.points) FILTER (WHERE l.event_type = 'redeem' AND l.occurred_at >= $from::TIMESTAMP) AS redeemed,
         count(DISTINCT l.occurred_at::DATE) FILTER (WHERE l.event_type <> 'expire' AND l.occurred_at >= $from::TIMESTAMP) AS active_days,
         bool_or(l.event_type <> 'expire' AND l.occurred_at >= $from::TIMESTAMP
                 AND l.occurred_at >= $to::TIMESTAMP - INTERVAL 30 DAY) AS retained,
         sum(l.points) FILTER (WHERE l.event_type = 'earn' AND l.occurred_at < $from::TIMESTAMP
                                 AND ($rule::VARCHAR IS NULL OR l.rule_id = $rule::VARCHAR)) AS issued_pre,
         bool_or(l.event_type <> 'expire' AND l.occurred_at < $from::TIMESTAMP) AS active_pre
  FROM ledger_clean l
  SEMI JOIN arms a ON a.account_id = l.account_id
  WHERE l.occurred_at >= $pre_from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY l.account_id
)
SELECT a.account_id,
       a.variant,
       a.variants::INTEGER AS variants,
       coalesce(p.issued, 0)::DOUBLE AS issued,
       coalesce(p.issued_all, 0)::DOUBLE AS issued_all,
       coalesce(p.redeemed, 0)::DOUBLE AS redeemed,
       coalesce(p.active_days, 0)::INTEGER AS active_days,
       (CASE WHEN p.retained THEN 1 ELSE 0 END)::INTEGER AS retained,
       coalesce(p.issued_pre, 0)::DOUBLE AS issued_pre,
       coalesce(p.active_pre, false) AS active_pre
FROM arms a
LEFT JOIN per p ON p.account_id = a.account_id
ORDER BY a.variant, a.account_id;
