import { z } from 'zod';
import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { storedConfig } from '../config.ts';
import { one, PeriodParams } from '../db/query-types.ts';
import type { BudgetLine, CatalogueItem } from './input-files.ts';
import { Economics } from './schema.ts';
import { loadEconomicsTables } from '../db/economics-tables.ts';

export interface EconomicsOptions {
  /** [from, to), YYYY-MM-DD, `to` exclusive. */
  from: string;
  to: string;
  /** The mall's item catalogue (--items); enables never-redeemed items and fills names and categories. */
  items?: CatalogueItem[];
  budget?: BudgetLine[];
  /** Program settings; default: those stored in the database. */
  config?: ProgramConfig;
}

const Valued = PeriodParams.extend({ point_value: z.number().nonnegative() });
const BudgetParams = z.object({ point_value: z.number().nonnegative() });

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Redemption economics of a period (issue #9): the mall's cost by category and item, per active participant,
 * the monthly share of outstanding points redeemed, never-redeemed catalogue items and budget lines.
 */
export async function redemptionEconomics(db: Database, opts: EconomicsOptions): Promise<Economics> {
  const config = opts.config ?? (await storedConfig(db));
  await loadEconomicsTables(db, opts.items ?? [], opts.budget ?? []);
  const p = { from: opts.from, to: opts.to, point_value: config.point_value };

  const totals = one('redemption_totals', await run(db, 'redemption_totals', Valued, p));
  const byCategory = await run(db, 'redemption_categories', Valued, p);
  const items = await run(db, 'redemption_items', Valued, p);
  const monthly = await run(db, 'redemption_monthly', Valued, p);
  const budget = opts.budget?.length
    ? await run(db, 'redemption_budget', BudgetParams, { point_value: config.point_value })
    : null;

  const hasCatalogue = (opts.items?.length ?? 0) > 0;
  return Economics.parse({
    period: { from: opts.from, to: opts.to },
    currency: config.currency,
    point_value: config.point_value,
    totals,
    by_category: byCategory,
    // Catalogue items nobody redeemed are listed apart; the by-item table keeps what was redeemed.
    by_item: items.filter((i) => i.redemptions > 0),
    never_redeemed: hasCatalogue ? items.filter((i) => i.redemptions === 0) : null,
    monthly: monthly.map((m) => ({ ...m, month: day(m.month).slice(0, 7) })),
    budget: budget && {
      lines: budget.map(({ date_from, date_to, ...b }) => ({ ...b, from: day(date_from), to: day(date_to) })),
      over: budget.filter((b) => b.over).length,
    },
  });
}
