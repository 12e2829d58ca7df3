import { z } from 'zod';
import { run } from '../../db/run.ts';
import { addDays, type Check } from '../context.ts';
import { makeFlag } from '../flag.ts';
import { ids, int, num, str } from './common.ts';

const Params = z.object({
  from: z.string(), to: z.string(), dormant_days: z.number().int(), burst_days: z.number().int(), redeem_days: z.number().int(),
  month_ratio: z.number(), redeem_share: z.number(),
});
const Row = z.object({ account_id: str, burst_day: str, idle_days: int, burst: num, usual_month: num, redeemed: num, last_day: str, event_ids: ids });

/**
 * A dormant account that earns a burst far above its own usual pace and cashes it out within days (audit.md), from
 * the account-day rollup; the account's own history sets the bar, so no points floor depends on the ledger's scale.
 */
export const burstRedeem: Check = {
  name: 'burst_redeem',
  async run(ctx) {
    const s = ctx.settings.burst_redeem;
    const rows = await run(ctx.db, 'audit_burst_redeem', Params, Row, { from: ctx.from, to: ctx.to, ...s });
    return {
      flags: rows.map((r) =>
        makeFlag(ctx, {
          check: 'burst_redeem', severity: 'medium', subject: 'account', account_id: r.account_id,
          from: r.burst_day, to: addDays(r.last_day, 1), value: r.burst, baseline: r.usual_month, score: r.redeemed / r.burst,
          threshold: s.month_ratio * r.usual_month, threshold_name: 'the account\'s own usual month of earnings × month_ratio',
          reason_key: 'burst_redeem',
          reason_vars: { account: r.account_id, idle_days: r.idle_days, burst: r.burst, burst_days: s.burst_days, redeemed: r.redeemed, last_day: r.last_day },
          event_ids: r.event_ids,
        }),
      ),
    };
  },
};
