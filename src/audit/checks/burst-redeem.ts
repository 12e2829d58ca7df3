import { run } from '../../db/run.ts';
import type { Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag } from '../flag.ts';
import { poissonTail } from '../binomial.ts';

/**
 * A dormant account that earns a burst of awards far beyond its own pace and cashes it out within days (audit.md), from
 * the account-day rollup; the account's own history sets the bar, so no points floor depends on the ledger's scale.
 */
export const burstRedeem: Check = {
  name: 'burst_redeem',
  async run(ctx) {
    const s = ctx.settings.burst_redeem;
    const { alpha, month_ratio: _ratio, ...params } = s;
    const rows = await run(ctx.db, 'audit_burst_redeem', {
      from: ctx.from,
      to: ctx.to,
      ...params,
      kept: ctx.kept,
    });
    return {
      flags: rows.flatMap((r) => {
        // The burst in the account's own usual awards: a few large awards weigh as what they pay, not as a few rows;
        // but its largest award counts as one award, so one large reward after a leave is not a burst by itself.
        const inUsual = Math.floor((r.burst - r.burst_max) / r.usual_award) + 1;
        const p = poissonTail(Math.max(r.burst_n, inUsual), r.usual_n);
        const usualMonth = (r.usual_award * r.usual_n * 30) / s.burst_days;
        if (p * Math.max(1, r.tests) >= alpha || r.burst < s.month_ratio * usualMonth) return [];
        return makeFlag(ctx, {
          check: 'burst_redeem',
          severity: 'medium',
          subject: 'account',
          account_id: r.account_id,
          from: r.burst_day,
          to: addDays(r.last_day, 1),
          value: r.burst,
          baseline: r.usual_n,
          score: p * Math.max(1, r.tests),
          threshold: alpha,
          threshold_name: "Poisson p of the burst, in the account's usual awards, at its own pace (× returns judged)",
          reason_key: 'burst_redeem',
          reason_vars: {
            account: r.account_id,
            idle_days: r.idle_days,
            burst: r.burst,
            burst_days: s.burst_days,
            redeemed: r.redeemed,
            last_day: r.last_day,
          },
          event_ids: r.event_ids,
        });
      }),
    };
  },
};
