-- audit_amount_rows: the rows behind one Benford test, the evidence of a nonconforming field
-- params: $from TIMESTAMP, $to TIMESTAMP, $field VARCHAR, $approver_id VARCHAR
-- returns: event_id VARCHAR, account_id VARCHAR, amount DOUBLE
-- grain: one row per row of `field` (as in audit_amounts.sql) in [from, to); approver_id NULL = every approver
SELECT event_id, account_id, amount::DOUBLE AS amount
FROM (
  SELECT event_id, occurred_at, account_id, approver_id,
         CASE $field WHEN 'adjust' THEN CASE WHEN event_type = 'adjust' AND points <> 0 THEN abs(points) END
                     WHEN 'transfer' THEN CASE WHEN event_type = 'transfer' AND points > 0 THEN points END
                     WHEN 'cash_value' THEN nullif(abs(cash_value), 0) END AS amount
  FROM ledger_clean
  WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
)
WHERE amount IS NOT NULL AND ($approver_id::VARCHAR IS NULL OR approver_id = $approver_id)
ORDER BY occurred_at, event_id
