-- ab_changed_rules: the earn rules an experiment pays differently by arm (what the experiment changed)
-- params: $experiment VARCHAR, $from TIMESTAMP, $to TIMESTAMP
-- returns: rule_id VARCHAR, arms INTEGER, least_paid DOUBLE, most_paid DOUBLE
-- grain: one row per rule whose usual payment differs between arms in [from, to), ascending by rule_id
--
-- Arms as in ab_accounts.sql: the assignment table when it lists the experiment, else the ledger's variant tags.
-- A rule's usual payment in an arm is its most common points per earn row there; an arm with fewer than 5 rows of
-- the rule does not count (too few to say what it pays). The page opens an experiment on the one rule it changed.
WITH assigned AS (
  SELECT account_id, min(variant) AS variant FROM ab_assignments WHERE experiment_id = $experiment::VARCHAR GROUP BY account_id
),
arms AS (
  SELECT * FROM assigned
  UNION ALL
  SELECT account_id, arg_min(variant, occurred_at) AS variant
  FROM ledger_clean
  WHERE experiment_id = $experiment::VARCHAR AND variant IS NOT NULL AND variant <> '' AND NOT EXISTS (SELECT 1 FROM assigned)
  GROUP BY account_id
),
paid AS (
  SELECT l.rule_id, a.variant, mode(l.points)::DOUBLE AS points
  FROM ledger_clean l
  JOIN arms a ON a.account_id = l.account_id
  WHERE l.event_type = 'earn' AND l.rule_id IS NOT NULL
    AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
  GROUP BY l.rule_id, a.variant
  HAVING count(*) >= 5
)
SELECT rule_id, count(*)::INTEGER AS arms, min(points) AS least_paid, max(points) AS most_paid
FROM paid
GROUP BY rule_id
HAVING count(*) >= 2 AND min(points) <> max(points)
ORDER BY rule_id;
