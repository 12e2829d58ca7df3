-- audit_cap_breach: account-days above a daily cap: a rule's daily_cap, the per-account cap, the program cap
-- params: $from TIMESTAMP, $to TIMESTAMP, $account_cap DOUBLE, $program_cap DOUBLE
-- returns: kind VARCHAR, account_id VARCHAR (null for kind = program), rule_id VARCHAR (nullable), day VARCHAR, total DOUBLE, cap DOUBLE, event_ids VARCHAR[]
-- grain: one row per breach: (rule, account, day) over the rule cap, (account, day) over account_cap, day over program_cap
-- Exact comparison of earn points (audit.md). kind is 'rule', 'account' or 'program'; account_id is NULL for the
-- program cap. A NULL cap (no daily_cap in rules, a setting left null) is never breached.
WITH rows AS (
  SELECT event_id, occurred_at, account_id, coalesce(rule_id, '') AS rule_id, points
  FROM ledger_clean
  WHERE event_type = 'earn' AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
),
by_rule AS (
  SELECT 'rule' AS kind, r.account_id, r.rule_id, r.occurred_at::DATE AS day, sum(r.points)::DOUBLE AS total,
         any_value(c.daily_cap)::DOUBLE AS cap, list(r.event_id ORDER BY r.occurred_at, r.event_id) AS event_ids
  FROM rows r JOIN rule_catalog c ON c.rule_id = r.rule_id AND c.daily_cap IS NOT NULL
  GROUP BY r.account_id, r.rule_id, r.occurred_at::DATE
  HAVING sum(r.points) > any_value(c.daily_cap)
),
by_account AS (
  SELECT 'account' AS kind, account_id, NULL::VARCHAR AS rule_id, occurred_at::DATE AS day, sum(points)::DOUBLE AS total,
         $account_cap::DOUBLE AS cap, list(event_id ORDER BY occurred_at, event_id) AS event_ids
  FROM rows WHERE $account_cap::DOUBLE IS NOT NULL
  GROUP BY account_id, occurred_at::DATE
  HAVING sum(points) > $account_cap::DOUBLE
),
by_program AS (
  SELECT 'program' AS kind, NULL::VARCHAR AS account_id, NULL::VARCHAR AS rule_id, occurred_at::DATE AS day,
         sum(points)::DOUBLE AS total, $program_cap::DOUBLE AS cap, list(event_id ORDER BY occurred_at, event_id) AS event_ids
  FROM rows WHERE $program_cap::DOUBLE IS NOT NULL
  GROUP BY occurred_at::DATE
  HAVING sum(points) > $program_cap::DOUBLE
)
SELECT kind, account_id, rule_id, strftime(day, '%Y-%m-%d') AS day, total, cap, event_ids
FROM (SELECT * FROM by_rule UNION ALL SELECT * FROM by_account UNION ALL SELECT * FROM by_program)
ORDER BY day, kind, account_id, rule_id
