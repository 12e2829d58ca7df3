import { z } from 'zod';
import { run } from '../../db/run.ts';
import { binomialTail } from '../binomial.ts';
import { addDays, type Check } from '../context.ts';
import { makeFlag, pct } from '../flag.ts';
import type { Flag } from '../schema.ts';
import { ids, int, str } from './common.ts';

const Params = z.object({ from: z.string(), to: z.string(), unit: z.number() });
const Row = z.object({ approver_id: str, manual: int, round: int, program_manual: int, program_round: int, first_day: str, last_day: str, accounts: ids, event_ids: ids });

/**
 * Manual amounts clustered on round values: an approver's count of multiples of `unit` against the share of the
 * rest of the program (Laplace-smoothed so a program with no round amounts does not make one round amount a sure
 * fraud), one-sided binomial test.
 */
export const roundNumbers: Check = {
  name: 'round_adjustment',
  async run(ctx) {
    const s = ctx.settings.round_numbers;
    const rows = await run(ctx.db, 'audit_round_numbers', Params, Row, { from: ctx.from, to: ctx.to, unit: s.unit });
    const flags: Flag[] = [];
    for (const r of rows) {
      if (r.round < s.min_count) continue;
      const program = (r.program_round - r.round + 1) / (r.program_manual - r.manual + 2);
      const p = binomialTail(r.round, r.manual, program);
      if (p >= s.p) continue;
      flags.push(
        makeFlag(ctx, {
          check: 'round_adjustment', severity: p < s.p / 100 ? 'high' : 'medium', subject: 'approver', account_id: r.approver_id,
          accounts: [r.approver_id, ...r.accounts], from: r.first_day, to: addDays(r.last_day, 1), value: r.round / r.manual,
          baseline: program, score: p, threshold: s.p, threshold_name: 'binomial p-value of the round-amount count',
          reason_key: 'round_adjustment',
          reason_vars: { approver: r.approver_id, round: r.round, manual: r.manual, unit: s.unit, program: pct(program), p: Number(p.toPrecision(2)) },
          event_ids: r.event_ids,
        }),
      );
    }
    return { flags };
  },
};
