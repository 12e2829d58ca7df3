-- audit_near_duplicate: the same account, type, points, rule and reason entered again within minutes under another id
-- params: $from TIMESTAMP, $to TIMESTAMP, $window_minutes DOUBLE
-- returns: account_id VARCHAR, rule_id VARCHAR, points DOUBLE, first_id VARCHAR, second_id VARCHAR, first_at VARCHAR, seconds DOUBLE
-- grain: one row per repeated row in [from, to): the row (second_id) and the row it repeats (first_id)
-- Earn, deduct and adjust rows only: a redemption of the same item twice is a purchase, a transfer has two rows
-- by design, expiry is computed. Exact duplicates of a whole row never reach the ledger (the importer counts them).
-- Rows whose key occurs once in the range cannot repeat, so one hash aggregate on a 64-bit hash of the five key
-- columns removes them before the window (on a ledger of varied amounts most rows go); the window then partitions
-- on the same hash (sorting one BIGINT is cheaper than five columns), and the previous row's key is compared in
-- full, so a hash collision cannot make a false pair.
WITH base AS (
  SELECT event_id, occurred_at, account_id, rule_id, points,
         {'a': account_id, 't': event_type, 'p': points, 'r': rule_id, 'n': reason} AS k,
         hash(account_id, event_type, points, rule_id, reason) AS h
  FROM ledger_clean
  WHERE event_type IN ('earn', 'deduct', 'adjust')
    AND occurred_at >= $from::TIMESTAMP - to_minutes($window_minutes::BIGINT) AND occurred_at < $to::TIMESTAMP
),
repeated AS (SELECT h FROM base GROUP BY h HAVING count(*) > 1),
r AS (
  SELECT event_id, occurred_at, account_id, rule_id, points, k,
         lag(event_id) OVER w AS prev_id, lag(occurred_at) OVER w AS prev_at, lag(k) OVER w AS prev_k
  FROM base SEMI JOIN repeated USING (h)
  WINDOW w AS (PARTITION BY h ORDER BY occurred_at, event_id)
)
SELECT account_id, rule_id, points::DOUBLE AS points, prev_id AS first_id, event_id AS second_id,
       strftime(prev_at, '%Y-%m-%d %H:%M:%S') AS first_at, (epoch(occurred_at) - epoch(prev_at))::DOUBLE AS seconds
FROM r
WHERE prev_id IS NOT NULL AND k IS NOT DISTINCT FROM prev_k AND occurred_at >= $from::TIMESTAMP
  AND epoch(occurred_at) - epoch(prev_at) <= $window_minutes * 60
ORDER BY first_at, account_id
