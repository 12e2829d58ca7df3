-- ab_experiments: every experiment the ledger tags, with its variants and the days its tagged rows span
-- params: none
-- returns: experiment_id VARCHAR, variants VARCHAR[], accounts INTEGER, rows INTEGER, first_day VARCHAR, last_day VARCHAR
-- grain: one row per experiment_id seen on ledger rows, ascending by experiment_id
--
-- variants: the distinct non-empty `variant` values on the experiment's rows, sorted. first_day / last_day
-- (YYYY-MM-DD, program time zone) give the default window of `ab`: [first_day, last_day + 1 day).
SELECT experiment_id,
       list_sort(list(DISTINCT variant) FILTER (WHERE variant IS NOT NULL AND variant <> '')) AS variants,
       count(DISTINCT account_id)::INTEGER AS accounts,
       count(*)::INTEGER AS rows,
       strftime(min(occurred_at), '%Y-%m-%d') AS first_day,
       strftime(max(occurred_at), '%Y-%m-%d') AS last_day
FROM ledger_clean
WHERE experiment_id IS NOT NULL AND experiment_id <> ''
GROUP BY experiment_id
ORDER BY experiment_id;
