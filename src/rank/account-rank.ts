import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { ScopeParams, scopeParams, Timestamp } from '../db/query-types.ts';
import { run } from '../db/run.ts';
import type { AccountScope } from '../db/within-scope.ts';
import { defaultRankPeriod, RANK_PERIODS, type RankPeriodKind } from '../periods/ranking.ts';

const Params = z.object({ from: Timestamp, to: Timestamp, account_id: z.string() }).merge(ScopeParams);

export interface AccountRank {
  period_kind: RankPeriodKind;
  from: string;
  to: string;
  /** Null when the account earned nothing in the period (not ranked). */
  rank: number | null;
  issued: number | null;
  share: number | null;
  /** How many accounts were ranked. */
  ranked: number | null;
}

/**
 * One account's rank in the periods the Rankings page opens on (the latest complete week, month, quarter, year, and
 * all time) of the data's days `first`…`last`, ranked as that page ranks (account_rank.sql = rank_period.sql's rule); within `scope` when given.
 */
export async function accountRanks(
  db: Database,
  accountId: string,
  data: { first: string; last: string },
  scope?: AccountScope,
): Promise<AccountRank[]> {
  const out: AccountRank[] = [];
  for (const kind of RANK_PERIODS) {
    const p = defaultRankPeriod(kind, data.first, data.last);
    const [r] = await run(db, 'account_rank', Params, { ...p, account_id: accountId, ...scopeParams(scope) });
    out.push({
      period_kind: kind,
      ...p,
      rank: r?.rank ?? null,
      issued: r?.issued ?? null,
      share: r?.share ?? null,
      ranked: r?.ranked ?? null,
    });
  }
  return out;
}
