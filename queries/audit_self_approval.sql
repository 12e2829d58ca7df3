-- audit_self_approval: rows whose approver is the account that received them
-- params: $from TIMESTAMP, $to TIMESTAMP, $batch_min_accounts INTEGER, $batch_minutes DOUBLE
-- returns: account_id VARCHAR, rows INTEGER, batch_rows INTEGER, points DOUBLE, first_day VARCHAR, last_day VARCHAR, event_ids VARCHAR[]
-- grain: one row per account with at least one self-approved row in [from, to)
-- batch_rows: self-approved rows that are the operator's ordinary share of a batch run: within batch_minutes of
-- the row, the same day, the approver signed the same rule for at least batch_min_accounts accounts (the row's own
-- account among them), and the approver's own total of that rule that day is no more than the median of the others'
-- totals of it from the approver that day. They are counted apart and left out of rows, points, days and event_ids.
-- A row signed with no run around it (an approver of a large team signing the rule for 20 accounts spread over the
-- day is no batch run) is not, nor any self row of a day whose own total is above the others': the totals, not the
-- row, since five self rows of the usual 50 inside one run paid the operator 250 where everyone else got 50 (each row
-- alone passed), and per (approver, rule, day), not per row's window, since windows slide: two self rows 13 minutes
-- apart each sit in a window of their own.
-- approver_id IS NOT NULL is implied by the equality but written out: DuckDB tests it inside the scan, which then
-- reads the other columns only for the approved rows (a third of a year at 10 M rows: 0.26 -> 0.17 CPU s); the
-- equality of two columns is tested after the scan, on the rows it returns. (Finding the rows on the two columns
-- first and reading them by rowid was cheaper with none, 0.12, but dearer with a few thousand over the year.)
WITH self AS (
  SELECT event_id, occurred_at, account_id, approver_id, rule_id, points
  FROM ledger_clean
  WHERE approver_id IS NOT NULL AND approver_id = account_id AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
-- Each self-approved row's run, if any: the approver's rows of its rule within the window that day (the same day
-- only: the rows a ClickHouse source fetches are the self rows' (approver, rule, day) cells).
runs AS (
  SELECT s.event_id, count(DISTINCT l.account_id) AS accounts
  FROM self s JOIN ledger_clean l
    ON l.approver_id = s.approver_id AND l.rule_id = s.rule_id AND l.occurred_at::DATE = s.occurred_at::DATE
   AND abs(epoch_us(l.occurred_at) - epoch_us(s.occurred_at)) <= ceil($batch_minutes::DOUBLE * 60000000)::BIGINT
  GROUP BY s.event_id
),
-- The approver's own total per (approver, rule, day) of its self rows, and each other account's total there (in
-- [from, to) too: the rows a ClickHouse source fetches).
own AS (SELECT approver_id, rule_id, occurred_at::DATE AS day, sum(points) AS own FROM self GROUP BY ALL),
usual AS (
  SELECT approver_id, rule_id, day, median(points) AS usual
  FROM (
    SELECT l.approver_id, l.rule_id, l.occurred_at::DATE AS day, l.account_id, sum(l.points) AS points
    FROM own o JOIN ledger_clean l
      ON l.approver_id = o.approver_id AND l.rule_id = o.rule_id AND l.occurred_at::DATE = o.day
    WHERE l.account_id <> l.approver_id AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
    GROUP BY ALL
  )
  GROUP BY ALL
),
marked AS (
  SELECT s.*, coalesce(r.accounts >= $batch_min_accounts AND o.own <= u.usual, false) AS in_batch
  FROM self s LEFT JOIN runs r USING (event_id)
  LEFT JOIN own o ON o.approver_id = s.approver_id AND o.rule_id = s.rule_id AND o.day = s.occurred_at::DATE
  LEFT JOIN usual u ON u.approver_id = s.approver_id AND u.rule_id = s.rule_id AND u.day = s.occurred_at::DATE
)
SELECT account_id, count(*) FILTER (WHERE NOT in_batch)::INTEGER AS rows, count(*) FILTER (WHERE in_batch)::INTEGER AS batch_rows,
       coalesce(sum(points) FILTER (WHERE NOT in_batch), 0)::DOUBLE AS points,
       strftime(coalesce(min(occurred_at) FILTER (WHERE NOT in_batch), min(occurred_at)), '%Y-%m-%d') AS first_day,
       strftime(coalesce(max(occurred_at) FILTER (WHERE NOT in_batch), max(occurred_at)), '%Y-%m-%d') AS last_day,
       coalesce(list(event_id ORDER BY occurred_at, event_id) FILTER (WHERE NOT in_batch), []::VARCHAR[]) AS event_ids
FROM marked
GROUP BY account_id
ORDER BY account_id
