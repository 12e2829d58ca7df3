-- audit_sample_rows: the evidence columns of the rows drawn for an audit sample
-- params: $ids VARCHAR
-- returns: event_id VARCHAR, occurred_at VARCHAR, account_id VARCHAR, points DOUBLE, event_type VARCHAR, rule_id VARCHAR (nullable), approver_id VARCHAR (nullable), counterparty_id VARCHAR (nullable), category VARCHAR (nullable), cash_value DOUBLE (nullable), reason VARCHAR (nullable), department VARCHAR (nullable), region VARCHAR (nullable)
-- grain: one row per event_id in `ids` (a JSON array of strings), in time order
SELECT event_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at, account_id, points::DOUBLE AS points, event_type,
       rule_id, approver_id, counterparty_id, category, cash_value::DOUBLE AS cash_value, reason, department, region
FROM ledger_clean
WHERE event_id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))
ORDER BY occurred_at, event_id
