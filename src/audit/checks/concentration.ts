import { z } from 'zod';
import { run } from '../../db/run.ts';
import type { Check } from '../context.ts';
import { binomialTail } from '../binomial.ts';
import { makeFlag, pct } from '../flag.ts';
import { ids, int, num, PeriodParams, str } from './common.ts';

const Params = PeriodParams.extend({ share: z.number(), min_count: z.number().int(), min_receivers: z.number().int() });
const Row = z.object({
  giver: str,
  role: z.enum(['approver', 'giver']),
  test: z.enum(['share', 'split']),
  receiver: str,
  top_points: num,
  total_points: num,
  movements: int,
  receivers: int,
  expected: num,
  tests: int,
  event_ids: ids,
});

/**
 * A giver or approver sending at least `share` of their points to one receiver (audit.md), when the number of
 * movements to that receiver is also unlikely under an even spread; or an approver signing far more of one
 * receiver's rows than of their other receivers' (the split test, audit_concentration.sql): low or medium severity.
 */
export const concentration: Check = {
  name: 'concentration',
  async run(ctx) {
    const s = ctx.settings.concentration;
    const flagged = new Set<string>();
    const rows = await run(ctx.db, 'audit_concentration', Params, Row, {
      from: ctx.from,
      to: ctx.to,
      share: s.share,
      min_count: s.min_count,
      min_receivers: s.min_receivers,
    });
    return {
      flags: rows.flatMap((r) => {
        const seen = `${r.giver}\u0000${r.receiver}`;
        // The split test's p is against the receiver's own rows (× pairs tested); the share test's against an even
        // spread over the giver's receivers (× receivers).
        const p =
          r.test === 'split'
            ? Math.min(1, r.tests * binomialTail(r.event_ids.length, r.movements, r.expected))
            : Math.min(1, r.receivers * binomialTail(r.event_ids.length, r.movements, 1 / r.receivers));
        if (p >= s.p || flagged.has(seen)) return [];
        flagged.add(seen);
        const share = r.top_points / r.total_points;
        return makeFlag(ctx, {
          check: 'concentration',
          severity: share >= 0.8 ? 'medium' : 'low',
          subject: 'approver',
          account_id: r.giver,
          accounts: [r.giver, r.receiver],
          from: ctx.from,
          to: ctx.to,
          value: share,
          baseline: r.test === 'split' ? r.expected : 1 / r.receivers,
          score: p,
          threshold: r.test === 'split' ? s.p : s.share,
          threshold_name:
            r.test === 'split'
              ? "p of this approver's share of the receiver's rows (× pairs tested)"
              : "share of the giver's points to one receiver",
          ...(r.test === 'split'
            ? {
                reason_key: 'concentration_split',
                reason_vars: {
                  giver: r.giver,
                  receiver: r.receiver,
                  n: r.event_ids.length,
                  rows: r.movements,
                  share: pct(r.event_ids.length / r.movements),
                  expected: pct(r.expected),
                },
              }
            : {
                reason_key: 'concentration',
                reason_vars: {
                  giver: r.giver,
                  share: pct(share),
                  total: r.total_points,
                  role: r.role === 'approver' ? 'approved' : 'transferred',
                  receiver: r.receiver,
                },
              }),
          event_ids: r.event_ids,
        });
      }),
    };
  },
};
