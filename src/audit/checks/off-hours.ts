import { z } from 'zod';
import { run } from '../../db/run.ts';
import { binomialTail } from '../binomial.ts';
import { addDays, type AuditContext, type Check } from '../context.ts';
import { makeFlag, pct } from '../flag.ts';
import type { Flag } from '../schema.ts';
import { int, nstr, str } from './common.ts';

const Params = z.object({ from: z.string(), to: z.string(), start: z.string(), end: z.string(), days: z.string() });
const Row = z.object({
  approver_id: str, department: str, month: str, approved: int, night: int, rest_day: int,
  first_night: nstr, last_night: nstr, first_rest: nstr, last_rest: nstr,
});
type Row = z.infer<typeof Row>;
const RowsParams = Params.extend({ approver_id: z.string(), class: z.string() });
const Evidence = z.object({ event_id: z.string() });

const CLASSES = [
  { name: 'night', count: (r: Row) => r.night, first: (r: Row) => r.first_night, last: (r: Row) => r.last_night },
  { name: 'rest_day', count: (r: Row) => r.rest_day, first: (r: Row) => r.first_rest, last: (r: Row) => r.last_rest },
] as const;

interface Totals { approved: number; night: number; rest_day: number }
const add = (m: Map<string, Totals>, key: string, r: Row) => {
  const t = m.get(key) ?? { approved: 0, night: 0, rest_day: 0 };
  m.set(key, { approved: t.approved + r.approved, night: t.night + r.night, rest_day: t.rest_day + r.rest_day });
};

/**
 * Approvals at night and on rest days, judged apart, per approver against the share of the rest of the program and
 * of their peers (approvers of the same department) in that hour class: the larger of the two is the expected share,
 * so a team that works weekends is judged by its own department. The approver's own habit is never the baseline: a
 * habit that contains the offence hides it. Each approver is tested over the whole period and month by month (a
 * steady few a month add up over the period; a burst shows in its month), with a one-sided binomial p-value and a
 * Bonferroni correction over every test made (approvers × classes × (months + 1)), so `alpha` is the chance that a
 * clean program raises any off-hours flag at all. One flag per approver and class: its most significant test.
 */
export const offHours: Check = {
  name: 'off_hours_approval',
  async run(ctx) {
    const s = ctx.settings.off_hours;
    const wh = ctx.config.work_hours;
    const hours = { start: wh.start, end: wh.end, days: wh.days.join(',') };
    const rows = await run(ctx.db, 'audit_off_hours', Params, Row, { from: ctx.from, to: ctx.to, ...hours });
    const program = new Map<string, Totals>();
    const peers = new Map<string, Totals>();
    for (const r of rows) {
      add(program, r.month, r);
      add(peers, `${r.department}|${r.month}`, r);
    }
    const tests = rows.length * CLASSES.length;
    const threshold = s.alpha / Math.max(1, tests);
    const flags: Flag[] = [];
    const byApprover = new Map<string, Row[]>();
    for (const r of rows) byApprover.set(r.approver_id, [...(byApprover.get(r.approver_id) ?? []), r]);
    for (const [approver, own] of byApprover) {
      for (const c of CLASSES) {
        let best: { r: Row; p: number; programShare: number; peerShare: number } | null = null;
        for (const r of own) {
          const k = c.count(r);
          if (k === 0) continue;
          const programShare = othersShare(program.get(r.month)!, r, c.name);
          const peerShare = othersShare(peers.get(`${r.department}|${r.month}`)!, r, c.name);
          const p = binomialTail(k, r.approved, Math.max(programShare, peerShare));
          if (!best || p < best.p) best = { r, p, programShare, peerShare };
        }
        if (best && best.p < threshold) flags.push(await offHoursFlag(ctx, c, best, threshold, tests));
      }
    }
    return { flags };
  },
};

/** The class's share among the rest's approvals, with one pseudo-approval each way (Laplace): none at night is not "never". */
function othersShare(total: Totals, own: Row, cls: 'night' | 'rest_day'): number {
  const n = total.approved - own.approved;
  const k = total[cls] - own[cls];
  return (k + 1) / (n + 2);
}

async function offHoursFlag(
  ctx: AuditContext, c: (typeof CLASSES)[number], best: { r: Row; p: number; programShare: number; peerShare: number }, threshold: number, tests: number,
): Promise<Flag> {
  const { r, p } = best;
  const wh = ctx.config.work_hours;
  const first = c.first(r)!;
  const last = c.last(r)!;
  const evidence = await run(ctx.db, 'audit_off_hours_rows', RowsParams, Evidence, {
    approver_id: r.approver_id, from: first, to: addDays(last, 1), start: wh.start, end: wh.end, days: wh.days.join(','), class: c.name,
  });
  const expected = Math.max(best.programShare, best.peerShare);
  const value = c.count(r);
  return makeFlag(ctx, {
    check: 'off_hours_approval', severity: p < threshold / 1e4 ? 'high' : p < threshold / 100 ? 'medium' : 'low', subject: 'approver', account_id: r.approver_id,
    from: first, to: addDays(last, 1), value, baseline: expected * r.approved, score: p,
    threshold, threshold_name: `binomial p-value of the ${c.name === 'night' ? 'night' : 'rest-day'} approvals, Bonferroni over ${tests} tests`,
    reason_key: `off_hours_${c.name}`,
    reason_vars: {
      approver: r.approver_id, value, approved: r.approved, window: r.month === '' ? `${first} – ${last}` : r.month,
      program: pct(best.programShare), peers: pct(best.peerShare), department: r.department || '—',
      p: Number(p.toPrecision(2)), threshold: Number(threshold.toPrecision(2)),
    },
    event_ids: evidence.map((e) => e.event_id),
  });
}
