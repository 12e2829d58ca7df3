-- audit_cap_cells (ClickHouse): the account × day × rule earn cells whose rows cap_breach or cap_near must read, found on the cluster
-- params: {ledger}, {cells_from} TIMESTAMP, {cells_to} TIMESTAMP (the period's whole days), {edge_from} DATE, {edge_to} DATE (days whose cells all come back: a period edge inside a day, else 1970-01-01), {cap_rules} VARCHAR[], {cap_cents} DOUBLE[] (each capped rule's daily cap in cents; the lists start with '' and −1), {account_cap} DOUBLE, {program_cap} DOUBLE (cents, −1 when none), {near} 0 or 1, {band} DOUBLE
-- returns: account_id VARCHAR, day VARCHAR, rule_id VARCHAR
-- grain: one row per cell of the period that may hold a breach (near = 0: the cell over its rule's cap, or any cell
-- of an account-day over the account cap or of a day over the program cap) or a day just under a rule's cap or the
-- account cap (near = 1: every cell of such an account-day)
-- Compared in integer cents: a rule's cap exactly (its cents are whole), a cell just under it with a cent of slack
-- below the band, the account and program caps (DOUBLE settings) with a cent of slack; the query itself then judges
-- the rows of these cells exactly. One pass over the period's earn cells: each account-day's cells travel as an array
-- beside the account-day's total (ac), each day's account-days beside the day's total (pc), and are unrolled again.
SELECT y.1 AS account_id, toString(d) AS day, x.1 AS rule_id
FROM (
  SELECT d, y, pc, y.3 AS ac, x, transform(x.1, {cap_rules}, {cap_cents}, -1.) AS cap
  FROM (
    SELECT d, y, pc
    FROM (
      SELECT d, groupArray((a, xs, ac)) AS ys, sum(ac) AS pc
      FROM (SELECT a, d, groupArray((r, c)) AS xs, sum(c) AS ac FROM ({@audit_earn_cells}) GROUP BY a, d)
      GROUP BY d
    )
    ARRAY JOIN ys AS y
  )
  ARRAY JOIN y.2 AS x
)
WHERE d = {edge_from} OR d = {edge_to}
   OR if({near} = 1,
         (cap >= 0 AND x.2 < cap AND x.2 >= (1 - {band}) * cap - 1)
           OR ({account_cap} >= 0 AND ac < {account_cap} + 1 AND ac >= (1 - {band}) * {account_cap} - 1),
         (cap >= 0 AND x.2 > cap) OR ({account_cap} >= 0 AND ac >= {account_cap} - 1)
           OR ({program_cap} >= 0 AND pc >= {program_cap} - 1))
