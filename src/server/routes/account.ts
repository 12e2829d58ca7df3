import { z } from 'zod';
import { accountFacts } from '../../audit/account.ts';
import { addDays, quartersBetween } from '../../dates.ts';
import { UserError } from '../../errors.ts';
import { accountRanks } from '../../rank/account-rank.ts';
import { dataRange } from '../../queries/data-range.ts';
import { auditFlags } from '../audit-flags.ts';
import type { Context, Routes } from '../context.ts';
import { Month, parseQuery, Quarter } from '../params.ts';
import { resolvePeriod } from '../period.ts';
import { principalOf } from '../principal.ts';
import { sendAnswer } from '../respond.ts';

/** How many quarters of flags the page shows, ending with the one the page names. */
export const ACCOUNT_QUARTERS = 4;

const AccountQuery = z
  .object({
    account_id: z.string().min(1).max(100, 'must be at most 100 characters'),
    quarter: Quarter.optional(),
    month: Month.optional(),
  })
  .refine((q) => !(q.quarter && q.month), { message: 'give quarter or month, not both', path: ['month'] });

/**
 * One account's page: the flags that name it in the last quarters (with their case marks), its ranks, whom it gave
 * to and received from in the period (the concentration check's movements, with shares), and its months. A
 * manager's account must be inside their scope (the access control checks account_id) and is ranked within it.
 */
export function accountRoutes(ctx: Context): Routes {
  const audit = auditFlags(ctx);
  return {
    'GET /api/account': async (req, res, url) => {
      const q = parseQuery(AccountQuery, url.searchParams);
      const id = q.account_id;
      const period = await resolvePeriod(ctx, q);
      const range = await ctx.cached('range', () => ctx.read((db) => dataRange(db)));
      const facts = await ctx.read((db) => accountFacts(db, id, period));
      if (!facts.summary.known || !range.first_at || !range.last_at)
        throw new UserError(
          'unknown_account',
          `account_id ${JSON.stringify(id.slice(0, 40))}: no such account in the ledger or the roster`,
          {
            hint: 'Open an account from the Audit or Rankings page.',
          },
        );
      const first = range.first_at.slice(0, 10);
      const last = range.last_at.slice(0, 10);
      const quarters = quartersBetween(first, addDays(period.to, -1)).slice(-ACCOUNT_QUARTERS);
      const flags = [];
      for (const quarter of quarters) {
        const a = await audit({ quarter });
        for (const f of a.flags)
          if (f.account_id === id || (f.subject !== 'program' && f.accounts.includes(id)))
            flags.push({ ...f, quarter });
      }
      const rankings = await ctx.read((db) => accountRanks(db, id, { first, last }, principalOf(req).scope));
      sendAnswer(res, '/api/account', {
        account_id: id,
        summary: facts.summary,
        period,
        quarters,
        flags,
        rankings,
        counterparts: facts.counterparts,
        months: facts.months,
      });
    },
  };
}
