import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { AccountMonth, AccountSummary, Counterpart } from './account-schema.ts';

/** How many counterparts of each side the account page lists. */
export const TOP_COUNTERPARTS = 10;

/** What the ledger says about one account: its size, its months, and its counterparts in [from, to). */
export async function accountFacts(db: Database, accountId: string, period: { from: string; to: string }) {
  const [summary] = await run(db, 'account_summary', { account_id: accountId });
  const months = await run(db, 'account_monthly', { account_id: accountId });
  const counterparts = await run(db, 'account_counterparts', {
    account_id: accountId,
    ...period,
    top: TOP_COUNTERPARTS,
  });
  return {
    summary: AccountSummary.parse(summary),
    months: z.array(AccountMonth).parse(months),
    counterparts: z.array(Counterpart).parse(counterparts),
  };
}
