import type { Database } from './database.ts';
import { sqlExec } from './sql.ts';

/** An item of the catalogue file, as src/economics/input-files.ts has checked it. */
interface ItemRow {
  item_id: string;
  name: string | null;
  category: string | null;
  points: number | null;
  cash_value: number | null;
}

/** A line of the budget file, as src/economics/input-files.ts has checked it. */
interface BudgetRow {
  line: string;
  category: string | null;
  rule: string | null;
  from: string;
  to: string;
  amount: number;
}

/**
 * The item catalogue and the budget lines as TEMP tables (economics_items, economics_budget) that the redemption_*
 * queries join: TEMP, so a database opened read-only takes them too. Both are always created, empty when no file
 * was given, so the queries have one shape. Re-running replaces them.
 */
export async function loadEconomicsTables(db: Database, items: ItemRow[], budget: BudgetRow[]): Promise<void> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE economics_items (
    item_id VARCHAR PRIMARY KEY, name VARCHAR, category VARCHAR, points DECIMAL(18, 2), cash_value DECIMAL(18, 2))`,
  );
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE economics_budget (
    pos INTEGER, line VARCHAR, category VARCHAR, rule VARCHAR, date_from DATE, date_to DATE, amount DECIMAL(18, 2))`,
  );
  for (const it of items) {
    await sqlExec(
      db,
      'INSERT INTO economics_items VALUES ($id, $name, $category, $points::DECIMAL(18, 2), $cash::DECIMAL(18, 2))',
      {
        id: it.item_id,
        name: it.name,
        category: it.category,
        points: it.points === null ? null : String(it.points),
        cash: it.cash_value === null ? null : String(it.cash_value),
      },
    );
  }
  for (const [pos, b] of budget.entries()) {
    await sqlExec(
      db,
      'INSERT INTO economics_budget VALUES ($pos, $line, $category, $rule, $from::DATE, $to::DATE, $amount::DECIMAL(18, 2))',
      {
        pos,
        line: b.line,
        category: b.category,
        rule: b.rule,
        from: b.from,
        to: b.to,
        amount: String(b.amount),
      },
    );
  }
}
