-- simulate_accounts: each account's issued points in the period as they were and as a changed rule would have made them
-- params: $from TIMESTAMP, $to TIMESTAMP, $rule VARCHAR, $cap DOUBLE, $multiplier DOUBLE
-- returns: account_id VARCHAR, actual DOUBLE, simulated DOUBLE, rows_changed INTEGER, in_population BOOLEAN, on_roster BOOLEAN
-- grain: one row per account of the fairness population or with an earn row in [from, to), ascending by account_id
--
-- Only earn rows of the touched rules are replayed; every other row stays as it was. Touched: the rows of $rule,
-- or every earn row when $rule is null. One scenario at a time:
--   $cap not null  a daily cap per account: within each (account, calendar day) the touched rows are taken in time
--                  order (ties by event_id) and the row that crosses the cap is cut to the remainder, later ones to 0.
--   else           touched rows get points × $multiplier, rounded to cents (0 switches the rule off).
-- actual = Σ earn points in the period (equals participant_issued.issued for the population); simulated = the same
-- sum after the replay. in_population / on_roster: the account is in participant_issued(from, to), the population
-- of the report's Gini and top-10 % share; accounts outside it still count in the issued totals.
WITH earn AS (
  SELECT account_id, occurred_at, event_id, points,
         ($rule::VARCHAR IS NULL OR rule_id = $rule::VARCHAR) AS touched
  FROM ledger_clean
  WHERE event_type = 'earn' AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
replayed AS (
  SELECT account_id, points,
         CASE WHEN NOT touched THEN points
              WHEN $cap::DOUBLE IS NOT NULL
                THEN greatest(0, least(points, $cap::DECIMAL(18, 2) - (sum(points) OVER day_so_far - points)))
              ELSE round(points * $multiplier::DECIMAL(18, 6), 2) END AS simulated
  FROM earn
  WINDOW day_so_far AS (PARTITION BY account_id, touched, occurred_at::DATE ORDER BY occurred_at, event_id
                        ROWS UNBOUNDED PRECEDING)
),
per AS (
  SELECT account_id, sum(points) AS actual, sum(simulated) AS simulated,
         count(*) FILTER (WHERE simulated <> points) AS rows_changed
  FROM replayed
  GROUP BY account_id
),
pop AS (
  SELECT account_id, on_roster FROM participant_issued($from::TIMESTAMP, $to::TIMESTAMP)
)
SELECT coalesce(pop.account_id, per.account_id) AS account_id,
       coalesce(per.actual, 0)::DOUBLE AS actual,
       coalesce(per.simulated, 0)::DOUBLE AS simulated,
       coalesce(per.rows_changed, 0)::INTEGER AS rows_changed,
       pop.account_id IS NOT NULL AS in_population,
       coalesce(pop.on_roster, false) AS on_roster
FROM pop
FULL JOIN per ON per.account_id = pop.account_id
ORDER BY 1;
