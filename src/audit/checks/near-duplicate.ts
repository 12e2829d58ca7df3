import { z } from 'zod';
import { run } from '../../db/run.ts';
import type { Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag } from '../flag.ts';
import { PeriodParams } from '../../db/query-types.ts';

const Params = PeriodParams.extend({ window_minutes: z.number(), kept: z.boolean() });

/** The same account, type, points, rule and reason again within `window_minutes`: one flag per repeated row. */
export const nearDuplicate: Check = {
  name: 'near_duplicate',
  async run(ctx) {
    const windowMinutes = ctx.settings.near_duplicate.window_minutes;
    const rows = await run(ctx.db, 'audit_near_duplicate', Params, {
      from: ctx.from,
      to: ctx.to,
      window_minutes: windowMinutes,
      kept: ctx.kept,
    });
    return {
      flags: rows.map((r) => {
        const day = r.first_at.slice(0, 10);
        return makeFlag(ctx, {
          check: 'near_duplicate',
          severity: r.seconds <= 60 ? 'high' : 'medium',
          subject: 'account',
          account_id: r.account_id,
          rule_id: r.rule_id,
          from: day,
          to: addDays(day, 1),
          value: r.seconds,
          baseline: null,
          score: null,
          threshold: windowMinutes * 60,
          threshold_name: 'seconds between the entries',
          reason_key: 'near_duplicate',
          reason_vars: {
            account: r.account_id,
            rule: r.rule_id ?? '(no rule)',
            points: r.points,
            seconds: r.seconds,
            first: r.first_id,
            second: r.second_id,
          },
          event_ids: [r.first_id, r.second_id],
        });
      }),
    };
  },
};
