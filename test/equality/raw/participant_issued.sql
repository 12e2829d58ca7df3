-- participant_issued: every account of the period's fairness population with its issued points
-- params: $from TIMESTAMP, $to TIMESTAMP
-- returns: account_id VARCHAR, issued DOUBLE, on_roster BOOLEAN
-- grain: one row per account of the population (see distribution), ascending by issued, then account_id
--
-- The per-participant distribution itself: the input of the bootstrap interval for the Gini and of any
-- independent re-computation of the statistics in distribution / lorenz / group_fairness.
SELECT account_id, issued::DOUBLE AS issued, on_roster
FROM participant_issued($from::TIMESTAMP, $to::TIMESTAMP)
ORDER BY issued, account_id;
