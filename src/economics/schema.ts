import { z } from 'zod';

/** A number that cannot be computed is null, never 0, never NaN. */
const num = z.number().finite().nullable();
const int = z.number().int();

export const Totals = z.object({
  /** Ledger rows in the period; 0 = an empty period, whose points and cost are null. */
  rows: int,
  redemptions: int,
  points: num,
  /** Distinct accounts that redeemed. */
  accounts: int,
  /** Σ cash_value, or points × point_value for rows without one (roi.sql's rule). */
  cost: num,
  valued_by_cash: int,
  /** Accounts with a row other than expire (metrics.md `active`). */
  active: int,
  cost_per_active: num,
  cost_per_redemption: num,
});

export const CategoryRow = z.object({
  category: z.string().nullable(),
  redemptions: int,
  points: z.number(),
  accounts: int,
  cost: z.number(),
  cost_share: num,
});

export const ItemRow = z.object({
  item_id: z.string().nullable(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  in_catalog: z.boolean(),
  catalog_points: num,
  catalog_cash_value: num,
  redemptions: int,
  points: z.number(),
  accounts: int,
  cost: z.number(),
});

export const MonthRow = z.object({
  /** YYYY-MM. */
  month: z.string(),
  redemptions: int,
  redeemed: z.number(),
  cost: z.number(),
  outstanding_start: num,
  share_of_outstanding: num,
});

export const BudgetRow = z.object({
  line: z.string(),
  category: z.string().nullable(),
  rule: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  amount: z.number(),
  redemptions: int,
  spent: z.number(),
  remaining: z.number(),
  used_share: num,
  over: z.boolean(),
});

/** What `ledger-lens economics --json` prints. */
export const Economics = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  currency: z.string(),
  point_value: z.number(),
  totals: Totals,
  by_category: z.array(CategoryRow),
  by_item: z.array(ItemRow),
  /** Catalogue items with no redemption in the period; null when no catalogue (--items) was given. */
  never_redeemed: z.array(ItemRow).nullable(),
  monthly: z.array(MonthRow),
  /** Budget lines with their spend; null without --budget. `over` counts the lines running over. */
  budget: z.object({ lines: z.array(BudgetRow), over: int }).nullable(),
});
export type Economics = z.infer<typeof Economics>;
