-- audit_account_series: one account's issued points per day, for the timeline of an account flag
-- params: $account_id VARCHAR, $since TIMESTAMP, $to TIMESTAMP
-- returns: day VARCHAR, issued DOUBLE, rows INTEGER
-- grain: one row per day in [since, to) on which the account has earn rows (other days are 0; the caller fills them)
SELECT strftime(occurred_at::DATE, '%Y-%m-%d') AS day, sum(points)::DOUBLE AS issued, count(*)::INTEGER AS rows
FROM ledger_clean
WHERE account_id = $account_id AND event_type = 'earn' AND occurred_at >= $since::TIMESTAMP AND occurred_at < $to::TIMESTAMP
GROUP BY occurred_at::DATE
ORDER BY day
