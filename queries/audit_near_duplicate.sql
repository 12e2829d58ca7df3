-- audit_near_duplicate: the same account, type, points, rule and reason entered again within minutes under another id
-- params: $from TIMESTAMP, $to TIMESTAMP, $window_minutes DOUBLE, $kept BOOLEAN
-- returns: account_id VARCHAR, rule_id VARCHAR (nullable), event_type VARCHAR, points DOUBLE, first_id VARCHAR, second_id VARCHAR, first_at VARCHAR, seconds DOUBLE, paces STRUCT(b INTEGER, repeats INTEGER, chances INTEGER)[], rule_paces STRUCT(b INTEGER, repeats INTEGER, chances INTEGER)[]
-- grain: one row per repeated row in [from, to): the row (second_id) and the row it repeats (first_id)
-- With each row, the counts its test of chance needs (src/audit/checks/near-duplicate.ts): a *chance* is a row whose
-- key the account already had earlier that day (or within the window, across midnight), a *repeat* a chance within
-- the window. Both are counted per pace b = floor(log2(rows of the key that account-day)): the busier the day, the
-- closer its rows lie, so a courier's 60 deliveries a day are compared with other days of 32–63, not with 3.
-- `paces`: the account's counts of the row's rule and type in [from, to) per pace; `rule_paces`: every account's.
-- A rule entered in sittings or per delivery without a per-event reason repeats within minutes routinely: the
-- ledger's own share of chances taken within the window says how often.
-- Earn, deduct and adjust rows only: a redemption of the same item twice is a purchase, a transfer has two rows
-- by design, expiry is computed. Exact duplicates of a whole row never reach the ledger (the importer counts them).
-- Rows whose key occurs once in the range cannot repeat, so one hash aggregate on a 64-bit hash of the five key
-- columns removes them before the window (on a ledger of varied amounts most rows go); the window then partitions
-- on the same hash (sorting one BIGINT is cheaper than five columns), and the previous row's key is compared in
-- full, so a hash collision cannot make a false pair.
-- With $kept (the import-time rollups are current) and a window under a day, only candidate rows reach the hash:
-- rows of an (account, day, rule, type) cell of rollup_account_day with n >= 2, and rows within the window of
-- midnight (a pair across midnight). Exact: both rows of a pair within the window, and every same-key row between
-- them, are candidates, so each row's predecessor among the candidates is its predecessor among all rows.
-- The time of day is the microseconds since midnight (epoch_us modulo a day, shifted by the window so that both ends
-- of the day are one comparison) against the window rounded up to a microsecond: more rows near midnight can only
-- be more candidates (still exact, as above). Integer arithmetic on each of the millions of rows outside any
-- repeated cell, where a cast to TIME cost more (it had replaced two epochs and a date_trunc). The window is made a
-- DOUBLE before it is multiplied: a whole number of minutes is bound as an INTEGER, whose product overflowed 32 bits
-- from 36 minutes on; and the look-back before `from` is the window rounded up to a microsecond, not to a minute
-- (7.4 minutes rounded to 7 lost a pair's first row 7.2 minutes before the period).
-- The types are tested as event_type <= 'earn': of the six types a ledger holds (src/db/event-types.ts, checked on
-- import) exactly adjust, deduct and earn sort up to 'earn' (test/audit/kept-rollups.test.ts pins it). DuckDB tests
-- a range inside the scan, on the column's dictionary, where the IN list's three string comparisons ran on every
-- row of the period: 0.68 -> 0.56 CPU s for the query at a year of 10 M rows.
WITH cells AS (
  SELECT account_id, day, rule_id, event_type, true AS hit FROM rollup_account_day
  WHERE $kept AND n >= 2 AND event_type <= 'earn'
    AND day >= ($from::TIMESTAMP - to_microseconds(ceil($window_minutes::DOUBLE * 60000000)::BIGINT))::DATE AND day < $to::TIMESTAMP::DATE
),
base AS (
  SELECT event_id, occurred_at, l.account_id, l.rule_id, l.event_type, points,
         {'a': l.account_id, 't': l.event_type, 'p': points, 'r': l.rule_id, 'n': reason} AS k,
         hash(l.account_id, l.event_type, points, l.rule_id, reason) AS h
  FROM ledger_clean l
  LEFT JOIN cells c
    ON l.account_id = c.account_id AND l.occurred_at::DATE = c.day AND coalesce(l.rule_id, '') = c.rule_id AND l.event_type = c.event_type
  WHERE l.event_type <= 'earn'
    AND occurred_at >= $from::TIMESTAMP - to_microseconds(ceil($window_minutes::DOUBLE * 60000000)::BIGINT) AND occurred_at < $to::TIMESTAMP
    AND (NOT $kept OR $window_minutes >= 1440 OR c.hit
         OR (epoch_us(occurred_at) % 86400000000 + 86400000000 + ceil($window_minutes::DOUBLE * 60000000)::BIGINT) % 86400000000
            <= 2 * ceil($window_minutes::DOUBLE * 60000000)::BIGINT)
),
repeated AS (SELECT h FROM base GROUP BY h HAVING count(*) > 1),
r AS (
  SELECT event_id, occurred_at, account_id, rule_id, event_type, points, k,
         lag(event_id) OVER w AS prev_id, lag(occurred_at) OVER w AS prev_at, lag(k) OVER w AS prev_k,
         count(*) OVER (PARTITION BY h, occurred_at::DATE) AS n_day
  FROM base SEMI JOIN repeated USING (h)
  WINDOW w AS (PARTITION BY h ORDER BY occurred_at, event_id)
),
-- Every pair that is the same day or within the window is present on both paths (the rollups' cells hold the
-- same-day ones, and every row of the key that day), so chances and paces are counted exactly, as repeats are.
chance AS (
  SELECT event_id, occurred_at, account_id, rule_id, coalesce(rule_id, '') AS rk, event_type, points, prev_id, prev_at,
         floor(log2(n_day))::INTEGER AS b, epoch(occurred_at) - epoch(prev_at) <= $window_minutes * 60 AS near
  FROM r
  WHERE prev_id IS NOT NULL AND k IS NOT DISTINCT FROM prev_k AND occurred_at >= $from::TIMESTAMP
    AND (prev_at::DATE = occurred_at::DATE OR epoch(occurred_at) - epoch(prev_at) <= $window_minutes * 60)
),
paced AS (
  SELECT account_id, rk, event_type, b, count_if(near)::INTEGER AS repeats, count(*)::INTEGER AS chances
  FROM chance GROUP BY account_id, rk, event_type, b
),
account_paces AS (
  SELECT account_id, rk, event_type, list({'b': b, 'repeats': repeats, 'chances': chances} ORDER BY b) AS paces
  FROM paced GROUP BY account_id, rk, event_type
),
rule_paces AS (
  SELECT rk, event_type, list({'b': b, 'repeats': repeats, 'chances': chances} ORDER BY b) AS rule_paces
  FROM (SELECT rk, event_type, b, sum(repeats)::INTEGER AS repeats, sum(chances)::INTEGER AS chances
        FROM paced GROUP BY rk, event_type, b)
  GROUP BY rk, event_type
)
SELECT c.account_id, c.rule_id, c.event_type, c.points::DOUBLE AS points, c.prev_id AS first_id, c.event_id AS second_id,
       strftime(c.prev_at, '%Y-%m-%d %H:%M:%S') AS first_at, (epoch(c.occurred_at) - epoch(c.prev_at))::DOUBLE AS seconds,
       a.paces, u.rule_paces
FROM chance c JOIN account_paces a USING (account_id, rk, event_type) JOIN rule_paces u USING (rk, event_type)
WHERE c.near
ORDER BY first_at, c.account_id
