import { type RowOf, run } from '../../db/run.ts';
import { binomialTail } from '../binomial.ts';
import type { Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag, pct } from '../flag.ts';
import type { Flag } from '../schema.ts';

type Row = RowOf<'audit_round_numbers'>;

/**
 * Manual amounts clustered on round values: an approver's count of multiples of `unit` against the share of the
 * rest of the program (Laplace-smoothed so a program with no round amounts does not make one round amount a sure
 * fraud), one-sided binomial test over the whole period and over the densest stretch of the approver's rows.
 */
/**
 * The stretch of an approver's manual rows, from one round row to a later one with at least `min` round rows, whose
 * count of round rows is least likely at the program's share; tests = the stretches that could be chosen.
 */
export function densestStretch(
  r: Pick<Row, 'rounds'>,
  share: number,
  min: number,
): { i: number; j: number; p: number; tests: number } | null {
  let best: { i: number; j: number; p: number } | null = null;
  const n = r.rounds.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + min - 1; j < n; j++) {
      const p = binomialTail(j - i + 1, r.rounds[j].pos - r.rounds[i].pos + 1, share);
      if (!best || p < best.p) best = { i, j, p };
    }
  }
  return best && { ...best, tests: Math.max(1, ((n - min + 1) * (n - min + 2)) / 2) };
}

export const roundNumbers: Check = {
  name: 'round_adjustment',
  async run(ctx) {
    const s = ctx.settings.round_numbers;
    const rows = await run(ctx.db, 'audit_round_numbers', {
      from: ctx.from,
      to: ctx.to,
      unit: s.unit ?? 0,
    });
    // The program's pool leaves out approvers already flagged, until no one more is: 24 round credits of one
    // approver made the rest's share 4 % and another's 7 of 35 ordinary (off-hours.ts judgeToFixedPoint: the same
    // fixed point, the same reasons). A clean program, nobody flagged, is judged as before.
    // A flag, once given, stays with the test that gave it (leaving someone out can raise the pool's share).
    const kept = new Map<string, Judged>();
    for (;;) {
      const manual = rows.reduce((n, r) => n + (kept.has(r.approver_id) ? r.manual : 0), 0);
      const round = rows.reduce((n, r) => n + (kept.has(r.approver_id) ? r.round : 0), 0);
      const more = rows.flatMap((r) => {
        if (kept.has(r.approver_id)) return [];
        const program = (r.program_round - round - r.round + 1) / (r.program_manual - manual - r.manual + 2);
        return judge(r, program, s) ?? [];
      });
      if (more.length === 0) break;
      for (const j of more) kept.set(j.r.approver_id, j);
    }
    const judged = rows.flatMap((r) => kept.get(r.approver_id) ?? []);
    const flags: Flag[] = [];
    for (const { r, program, p, picked, useStretch } of judged) {
      const round = picked.length;
      const manual = useStretch ? picked.at(-1)!.pos - picked[0].pos + 1 : r.manual;
      flags.push(
        makeFlag(ctx, {
          check: 'round_adjustment',
          severity: p < s.p / 100 ? 'high' : 'medium',
          subject: 'approver',
          account_id: r.approver_id,
          accounts: [r.approver_id, ...new Set(picked.map((x) => x.account_id).sort())],
          from: picked[0].day,
          to: addDays(picked.at(-1)!.day, 1),
          value: round / manual,
          baseline: program,
          score: p,
          threshold: s.p,
          threshold_name: 'binomial p-value of the round-amount count',
          reason_key: 'round_adjustment',
          reason_vars: {
            approver: r.approver_id,
            round,
            manual,
            unit: r.unit,
            program: pct(program),
            p: Number(p.toPrecision(2)),
          },
          event_ids: useStretch ? picked.map((x) => x.event_id) : r.event_ids,
        }),
      );
    }
    return { flags };
  },
};

interface Judged {
  r: Row;
  program: number;
  p: number;
  picked: Row['rounds'];
  useStretch: boolean;
}

/**
 * An approver's round rows at the program's share: the whole period at p; a stretch of the approver's rows at p over
 * the stretches that could be chosen (Bonferroni), so round credits bunched into weeks are not diluted by a year of
 * ordinary amounts. Null when neither is below p.
 */
function judge(r: Row, program: number, s: { p: number; min_count: number }): Judged | null {
  if (r.round < s.min_count) return null;
  const whole = binomialTail(r.round, r.manual, program);
  const stretch = densestStretch(r, program, s.min_count);
  const useStretch = stretch !== null && stretch.p * stretch.tests < s.p && !(whole < s.p);
  if (!(whole < s.p) && !useStretch) return null;
  return {
    r,
    program,
    p: useStretch ? stretch.p * stretch.tests : whole,
    picked: useStretch ? r.rounds.slice(stretch.i, stretch.j + 1) : r.rounds,
    useStretch,
  };
}
