import { UserError } from '../errors.ts';
import { defaultQuarter } from '../periods/quarters.ts';
import { dataRange } from '../queries/data-range.ts';
import type { Context } from './context.ts';
import { periodOf } from './params.ts';

/**
 * The period a request names (quarter or month), or the report's default quarter: read from the data's range,
 * not from a report, so routes that need only the dates do not build one.
 */
export async function resolvePeriod(
  ctx: Pick<Context, 'cached' | 'read'>,
  q: { quarter?: string; month?: string },
): Promise<{ from: string; to: string }> {
  const p = periodOf(q);
  if (p.from && p.to) return { from: p.from, to: p.to };
  const range = await ctx.cached('range', () => ctx.read((db) => dataRange(db)));
  if (!range.first_at || !range.last_at)
    throw new UserError('empty_ledger', 'there are no ledger rows yet', { hint: 'Import a ledger on the Data page.' });
  const d = defaultQuarter(range.first_at, range.last_at);
  return { from: d.from, to: d.to };
}
