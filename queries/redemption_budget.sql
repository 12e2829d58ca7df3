-- redemption_budget: each budget line's spend (cash cost of the matching redemptions in its own period) against its amount
-- params: $point_value DOUBLE
-- returns: line VARCHAR, category VARCHAR (nullable), rule VARCHAR (nullable), date_from DATE, date_to DATE, amount DOUBLE, redemptions INTEGER, spent DOUBLE, remaining DOUBLE, used_share DOUBLE (nullable), over BOOLEAN
-- grain: one row per line of the budget file (economics_budget, from --budget), in the file's order
--
-- A line matches the redeem rows in [date_from, date_to) whose category equals the line's category (the row's own
-- category, else the catalogue's for its item, as redemption_categories) and whose rule_id (the item) equals the
-- line's rule; an empty category or rule matches every row. Each line uses its own period, not the report's.
-- spent = Σ cost of those rows (cash_value, else −points × point_value, summed exactly as roi.sql); remaining = amount − spent (negative
-- when over); used_share = spent / amount (null for an amount of 0); over = spent > amount.
-- Lines may overlap (a category line and a total line): a row counts towards every line it matches.
WITH r AS (
  SELECT l.occurred_at,
         l.rule_id,
         coalesce(nullif(trim(l.category), ''), i.category) AS category,
         l.cash_value,
         CASE WHEN l.cash_value IS NULL THEN -l.points END AS uncashed
  FROM ledger_clean l
  LEFT JOIN economics_items i ON i.item_id = l.rule_id
  WHERE l.event_type = 'redeem'
),
spend AS (
  SELECT b.pos, count(r.occurred_at) AS redemptions,
         coalesce(sum(r.cash_value)::DOUBLE, 0) + coalesce(sum(r.uncashed)::DOUBLE, 0) * $point_value::DOUBLE AS spent
  FROM economics_budget b
  LEFT JOIN r ON r.occurred_at >= b.date_from AND r.occurred_at < b.date_to
             AND (b.category IS NULL OR r.category = b.category)
             AND (b.rule IS NULL OR r.rule_id = b.rule)
  GROUP BY b.pos
)
SELECT b.line, b.category, b.rule, b.date_from, b.date_to,
       b.amount::DOUBLE AS amount,
       s.redemptions::INTEGER AS redemptions,
       s.spent::DOUBLE AS spent,
       (b.amount::DOUBLE - s.spent)::DOUBLE AS remaining,
       ll_ratio(s.spent, b.amount) AS used_share,
       s.spent > b.amount::DOUBLE AS over
FROM economics_budget b
JOIN spend s ON s.pos = b.pos
ORDER BY b.pos;
