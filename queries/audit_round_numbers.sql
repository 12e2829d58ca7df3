-- audit_round_numbers: manual amounts (adjustments) on round values, per approver, against the program
-- params: $from TIMESTAMP, $to TIMESTAMP, $unit DOUBLE
-- returns: approver_id VARCHAR, unit DOUBLE, manual INTEGER, round INTEGER, program_manual INTEGER, program_round INTEGER, first_day VARCHAR, last_day VARCHAR, accounts VARCHAR[], event_ids VARCHAR[], rounds STRUCT(pos INTEGER, day VARCHAR, account_id VARCHAR, event_id VARCHAR)[]
-- grain: one row per approver with at least one round adjustment in [from, to)
-- Round = |points| a non-zero multiple of the unit: `unit` when positive, else the power of ten just above the
-- period's median manual amount (|points| of the adjust rows): 100 where hand amounts are typically 30 or 55 points,
-- 10,000 where they are 3,000. A fixed 100 made one hand amount in a hundred of a ×100 ledger round by chance, so an
-- approver keying hundreds of them hid a few truly round credits; the next power of ten holds at every scale.
-- Program counts include every approver (the check removes the
-- approver's own rows before comparing). rounds: the approver's round rows in time order, each with its position
-- (1-based) among all the approver's manual rows, so the check can judge any stretch of them (round credits bunched
-- into a few weeks among a year of ordinary ones).
WITH u AS (
  SELECT CASE WHEN $unit > 0 THEN $unit ELSE 10.0 ^ (floor(log10(median(abs(points))::DOUBLE)) + 1) END AS unit
  FROM ledger_clean
  WHERE event_type = 'adjust' AND points <> 0 AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
m AS (
  SELECT event_id, occurred_at, account_id, coalesce(approver_id, '') AS approver_id,
         abs(points) % (SELECT unit FROM u)::DECIMAL(18, 2) = 0 AS is_round,
         row_number() OVER (PARTITION BY coalesce(approver_id, '') ORDER BY occurred_at, event_id) AS pos
  FROM ledger_clean
  WHERE event_type = 'adjust' AND points <> 0 AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
per AS (
  SELECT approver_id, count(*) AS manual, count(*) FILTER (WHERE is_round) AS round,
         strftime(min(occurred_at) FILTER (WHERE is_round), '%Y-%m-%d') AS first_day,
         strftime(max(occurred_at) FILTER (WHERE is_round), '%Y-%m-%d') AS last_day,
         list(DISTINCT account_id ORDER BY account_id) FILTER (WHERE is_round) AS accounts,
         list(event_id ORDER BY occurred_at, event_id) FILTER (WHERE is_round) AS event_ids,
         list({'pos': pos::INTEGER, 'day': strftime(occurred_at, '%Y-%m-%d'), 'account_id': account_id, 'event_id': event_id} ORDER BY pos) FILTER (WHERE is_round) AS rounds
  FROM m GROUP BY approver_id
)
SELECT approver_id, (SELECT unit FROM u)::DOUBLE AS unit, manual::INTEGER AS manual, round::INTEGER AS round,
       (SELECT count(*) FROM m)::INTEGER AS program_manual, (SELECT count(*) FILTER (WHERE is_round) FROM m)::INTEGER AS program_round,
       first_day, last_day, accounts, event_ids, rounds
FROM per WHERE round > 0
ORDER BY approver_id
