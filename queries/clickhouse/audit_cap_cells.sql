-- audit_cap_cells (ClickHouse): the account × day × rule earn cells whose rows cap_breach or cap_near must read, found on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP (the period's whole days), {edge_from} DATE, {edge_to} DATE (days whose cells all come back: a period edge inside a day, else 1970-01-01), {cap_rules} VARCHAR[], {cap_cents} DOUBLE[] (each capped rule's daily cap in cents; the lists start with '' and −1), {account_cap} DOUBLE, {program_cap} DOUBLE (cents, −1 when none), {near} 0 or 1, {band} DOUBLE
-- returns: account_id VARCHAR, day VARCHAR, rule_id VARCHAR
-- grain: one row per cell of the period that may hold a breach (near = 0: the cell over its rule's cap, or any cell
-- of an account-day over the account cap or of a day over the program cap) or a day just under the cap (near = 1)
-- Compared in integer cents: a rule's cap exactly (its cents are whole), a cell just under it with a cent of slack
-- below the band, the account and program caps (DOUBLE settings) with a cent of slack; the query itself then judges
-- the rows of these cells exactly.
SELECT a AS account_id, toString(d) AS day, r AS rule_id
FROM (
  SELECT a, d, r, c, ac, pc, transform(r, {cap_rules}, {cap_cents}, -1.) AS cap
  FROM (
    SELECT a, d, r, c, ac
    FROM ({@audit_earn_cells}) AS j_cells
    ANY LEFT JOIN (SELECT a, d, sum(c) AS ac FROM ({@audit_earn_cells}) GROUP BY a, d) AS j_account_days USING a, d
  ) AS j_with_account
  ANY LEFT JOIN (SELECT d, sum(c) AS pc FROM ({@audit_earn_cells}) GROUP BY d) AS j_days USING d
)
WHERE d = {edge_from} OR d = {edge_to}
   OR if({near} = 1,
         cap >= 0 AND c < cap AND c >= (1 - {band}) * cap - 1,
         (cap >= 0 AND c > cap) OR ({account_cap} >= 0 AND ac >= {account_cap} - 1)
           OR ({program_cap} >= 0 AND pc >= {program_cap} - 1))
