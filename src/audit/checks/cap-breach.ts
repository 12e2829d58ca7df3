import { z } from 'zod';
import { run } from '../../db/run.ts';
import type { Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag, pct, severityOf } from '../flag.ts';
import { PeriodParams } from '../../db/query-types.ts';

const Params = PeriodParams.extend({ account_cap: z.number().nullable(), program_cap: z.number().nullable() });
// The flag's reason key is named after the kind: one of these three words (the header says VARCHAR).
const narrow = { kind: z.enum(['rule', 'account', 'program']) };

/** Exact comparison with every daily cap (rule, account, program): one flag per breach. */
export const capBreach: Check = {
  name: 'cap_breach',
  async run(ctx) {
    const rows = await run(
      ctx.db,
      'audit_cap_breach',
      Params,
      {
        from: ctx.from,
        to: ctx.to,
        account_cap: ctx.config.daily_cap_per_account,
        program_cap: ctx.config.daily_cap_program,
      },
      narrow,
    );
    return {
      flags: rows.map((r) =>
        makeFlag(ctx, {
          check: 'cap_breach',
          severity: severityOf(r.total, r.cap) === 'high' ? 'high' : 'medium',
          subject: r.kind === 'program' ? 'program' : 'account',
          account_id: r.account_id,
          rule_id: r.rule_id,
          from: r.day,
          to: addDays(r.day, 1),
          value: r.total,
          baseline: r.cap,
          score: r.total / r.cap,
          threshold: r.cap,
          threshold_name:
            r.kind === 'rule' ? 'rule daily cap' : r.kind === 'account' ? 'daily cap per account' : 'program daily cap',
          reason_key: `cap_breach_${r.kind}`,
          reason_vars: { account: r.account_id ?? '', rule: r.rule_id ?? '', day: r.day, value: r.total, cap: r.cap },
          event_ids: r.event_ids,
        }),
      ),
    };
  },
};

const NearParams = PeriodParams.extend({
  near_band: z.number(),
  min_days: z.number().int(),
  account_cap: z.number().nullable(),
});
const nearNarrow = { kind: z.enum(['rule', 'account']) };

/**
 * Rule-day or account-day totals keyed to land just under a daily cap (a rule's, or the per-account cap), on several
 * days: low severity, a pattern to look at.
 */
export const capClustering: Check = {
  name: 'cap_clustering',
  async run(ctx) {
    const s = ctx.settings.cap_breach;
    const rows = await run(
      ctx.db,
      'audit_cap_near',
      NearParams,
      {
        from: ctx.from,
        to: ctx.to,
        near_band: s.near_band,
        min_days: s.near_min_days,
        account_cap: ctx.config.daily_cap_per_account,
      },
      nearNarrow,
    );
    return {
      flags: rows.map((r) =>
        makeFlag(ctx, {
          check: 'cap_clustering',
          severity: 'low',
          subject: 'account',
          account_id: r.account_id,
          rule_id: r.rule_id,
          from: r.first_day,
          to: addDays(r.last_day, 1),
          value: r.days,
          baseline: null,
          score: null,
          threshold: s.near_min_days,
          threshold_name: 'days just below the cap',
          reason_key: r.kind === 'rule' ? 'cap_clustering' : 'cap_clustering_account',
          reason_vars: {
            account: r.account_id,
            rule: r.rule_id ?? '',
            cap: r.cap,
            days: r.days,
            band: pct(s.near_band),
          },
          event_ids: r.event_ids,
        }),
      ),
    };
  },
};
