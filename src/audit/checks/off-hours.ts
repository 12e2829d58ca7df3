import { z } from 'zod';
import { run } from '../../db/run.ts';
import { binomialTail } from '../binomial.ts';
import { addDays, type Check } from '../context.ts';
import { makeFlag, pct } from '../flag.ts';
import type { Flag } from '../schema.ts';
import { int, str } from './common.ts';

const Params = z.object({ from: z.string(), to: z.string(), habit_from: z.string(), start: z.string(), end: z.string(), days: z.string() });
const Row = z.object({
  approver_id: str, month: str, approved: int, off_hours: int, habit_approved: int, habit_off_hours: int,
  program_approved: int, program_off_hours: int, first_day: str, last_day: str,
});
const RowsParams = z.object({ approver_id: z.string(), from: z.string(), to: z.string(), start: z.string(), end: z.string(), days: z.string() });
const Evidence = z.object({ event_id: z.string() });

/** Pseudo-rows of the program's share that an approver's habit is shrunk toward: a short habit says little. */
const HABIT_PRIOR = 20;

/**
 * Approvals outside `work_hours` per approver and month, against the larger of the program's share that month
 * (the approver's own rows left out) and the approver's habit of the habit_days before (shrunk toward the program
 * share): an approver who always signs late is not flagged for it, one who suddenly does is.
 */
export const offHours: Check = {
  name: 'off_hours_approval',
  async run(ctx) {
    const s = ctx.settings.off_hours;
    const wh = ctx.config.work_hours;
    const rows = await run(ctx.db, 'audit_off_hours', Params, Row, {
      from: ctx.from, to: ctx.to, habit_from: addDays(ctx.from, -s.habit_days), start: wh.start, end: wh.end, days: wh.days.join(','),
    });
    const flags: Flag[] = [];
    for (const r of rows) {
      if (r.off_hours < s.min_count) continue;
      const others = r.program_approved - r.approved;
      const program = others > 0 ? (r.program_off_hours - r.off_hours + 1) / (others + 2) : 0.5;
      const habit = (r.habit_off_hours + HABIT_PRIOR * program) / (r.habit_approved + HABIT_PRIOR);
      const expected = Math.max(program, habit);
      const p = binomialTail(r.off_hours, r.approved, expected);
      if (p >= s.p) continue;
      // The month's off-hours rows, clipped to the period (a period may start or end inside a month).
      const monthStart = `${r.month}-01`;
      const evidence = await run(ctx.db, 'audit_off_hours_rows', RowsParams, Evidence, {
        approver_id: r.approver_id, from: monthStart > ctx.from ? monthStart : ctx.from, to: addDays(r.last_day, 1) < ctx.to ? addDays(r.last_day, 1) : ctx.to,
        start: wh.start, end: wh.end, days: wh.days.join(','),
      });
      flags.push(
        makeFlag(ctx, {
          check: 'off_hours_approval', severity: p < s.p / 100 ? 'high' : 'medium', subject: 'approver', account_id: r.approver_id,
          from: r.first_day, to: addDays(r.last_day, 1), value: r.off_hours, baseline: expected * r.approved, score: p,
          threshold: s.p, threshold_name: 'binomial p-value of the off-hours count',
          reason_key: 'off_hours_approval',
          reason_vars: { approver: r.approver_id, value: r.off_hours, approved: r.approved, month: r.month, expected: pct(expected), habit: pct(habit), program: pct(program), p: Number(p.toPrecision(2)) },
          event_ids: evidence.map((e) => e.event_id),
        }),
      );
    }
    return { flags };
  },
};
