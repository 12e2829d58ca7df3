// The rule's account-days by count (audit_account_spike.sql's levels), read by both the count tests of
// account-spike.ts and the large-award test of account-spike-large.ts: how often the ledger pays a rule n times a day.
import type { RowOf } from '../../db/run.ts';
import { poissonTail } from '../binomial.ts';
import type { AuditContext } from '../context.ts';

export type SpikeRow = RowOf<'audit_account_spike'>;
/** A rule paid to the account at least twice that day. */
export type Repeat = NonNullable<SpikeRow['repeats']>[number];

/** 1 when the day itself is among the rule's counted account-days (not a program-spike day, which the span leaves out). */
export const selfCount = (ctx: AuditContext, r: SpikeRow) => (ctx.programSpikes.some((p) => p.day === r.day) ? 0 : 1);

/** Other account-days with at least k awards of the rule: the day itself (at level n) left out. */
export const othersAtLeast = (q: Repeat, self: number) => (k: number) =>
  q.levels.reduce((a, l) => a + (l.n >= k ? l.c : 0), 0) - (k <= q.n ? self : 0);

/** Of `below` account-days with at least m awards, how many a Poisson count at `rate` takes on to m + 1. */
export const expectedNext = (below: number, m: number, rate: number) =>
  (below * poissonTail(m + 1, rate)) / poissonTail(m, rate);

/**
 * The share of a Poisson count's continuation from level m to m + 1 below which the next level is a collapse: the
 * rule's own continuation into level m (its other account-days at m or more against what a Poisson count at its
 * rate takes on from m − 1) when that is above `floor`, never above 1. A rule the ledger pays twice at four tenths of
 * a Poisson count's pace and a third time almost never stops at two, however few its doubles; the floor stands for
 * the first level, which has no level below it to measure, and more continuation than Poisson (people differ) is
 * no licence to call less of it a collapse.
 */
export function shareAt(atLeast: (k: number) => number, m: number, rate: number, floor: number): number {
  if (m < 2) return floor;
  const expected = expectedNext(atLeast(m - 1), m - 1, rate);
  return expected > 0 ? Math.min(1, Math.max(floor, atLeast(m) / expected)) : floor;
}
