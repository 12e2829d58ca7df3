-- audit_sample_frame: the rows a random audit sample is drawn from, with their stratum
-- params: $from TIMESTAMP, $to TIMESTAMP, $attribute VARCHAR
-- returns: event_id VARCHAR, stratum VARCHAR
-- grain: one row per ledger row in [from, to) except expiry (computed by policy, nobody keyed it), by event_id
-- stratum = the row's month, plus the value of `attribute` when given (the row's own attribute, else the
-- account's from account_attributes, else ''). The stable order by event_id makes a seeded draw repeatable.
SELECT l.event_id,
       strftime(l.occurred_at, '%Y-%m') ||
         CASE WHEN $attribute::VARCHAR IS NULL THEN ''
              ELSE '|' || coalesce(nullif(l.attrs[$attribute], ''), a.value, '') END AS stratum
FROM ledger_clean l
LEFT JOIN account_attributes a ON a.account_id = l.account_id AND a.attribute = $attribute
WHERE l.event_type <> 'expire' AND l.occurred_at >= $from::TIMESTAMP AND l.occurred_at < $to::TIMESTAMP
ORDER BY l.event_id
