-- audit_amounts: the amount-like values Benford's law may describe, tallied by distinct value
-- params: $from TIMESTAMP, $to TIMESTAMP
-- returns: field VARCHAR, approver_id VARCHAR (nullable), amount DOUBLE, n INTEGER
-- grain: one row per (field, approver, |amount|) in [from, to); approver_id is NULL where the row has none
-- Fields: 'adjust' (manual corrections, |points|), 'transfer' (the receiver's row), 'cash_value' (money value of any
-- row). Rule awards (earn) and penalties are fixed amounts and never tested (audit.md); deduct is left out for the
-- same reason. Tallied by value so a 10M-row ledger sends thousands of rows, not millions.
WITH v AS (
  SELECT 'adjust' AS field, approver_id, abs(points) AS amount
  FROM ledger_clean WHERE event_type = 'adjust' AND points <> 0 AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
  UNION ALL
  SELECT 'transfer', approver_id, points
  FROM ledger_clean WHERE event_type = 'transfer' AND points > 0 AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
  UNION ALL
  SELECT 'cash_value', approver_id, abs(cash_value)
  FROM ledger_clean WHERE cash_value IS NOT NULL AND cash_value <> 0 AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
)
SELECT field, approver_id, amount::DOUBLE AS amount, count(*)::INTEGER AS n
FROM v GROUP BY ALL
ORDER BY field, approver_id NULLS FIRST, amount
