// account_spike's large-award test: a day whose large awards alone reach the ledger's top awards, one large rule
// among them paid beyond its routine count (or one award reaching the points by itself). account-spike.ts asks it
// for a candidate day without a burst.
import { poissonAtMost } from '../binomial.ts';
import type { AuditContext } from '../context.ts';
import { expectedNext, othersAtLeast, type Repeat, type SpikeRow, selfCount, shareAt } from './account-spike-levels.ts';

/** A large rule paid `n` times, more than its routine count (usual: its mean awards per account-day paid); rule null: one award reaching the points alone. */
export interface Big {
  rule: string | null;
  n: number;
  usual: number;
}

/** The day's large-award evidence (`kept`: its rows after program-spike rows are taken out; campaign rows divided by `multiplier`). */
export function largeAwards(
  ctx: AuditContext,
  r: SpikeRow,
  kept: SpikeRow['evidence'],
  multiplier: (e: SpikeRow['evidence'][number]) => number,
): Big | null {
  return big(kept, multiplier, r, ctx.settings.account_spike.top_awards, ordinaryRepeats(ctx, r));
}

/**
 * The points of `top` large awards: the day's large awards alone (each at least 1 / top of the ledger's largest
 * ordinary award; campaign rows divided) reach top × that award. One top award and a handful of small ones make a
 * busy day of a ×1000 ledger, not a spike; small awards never add up to one here (a burst of them is judged apart).
 * A rule paid that day at a count the ledger pays routinely (`ordinary`: a rule capped at two a day, paid twice on
 * a hundred other account-days), or within its declared daily cap, weighs as one award: its repeat is that rule's ordinary day, and one large award
 * beside it is the busy day above, not two top awards at once. Some large rule must be paid more than its routine
 * count, or one award must reach the points by itself: different large rules paid once each are each rule's ordinary
 * day, and their sum is how a ledger whose accounts earn several large rules through the year adds up by chance (a
 * ×100 retail ledger with two rules of 10,000 holds dozens of days of both), a sum the modified z of the whole day
 * already judges.
 */
function big(
  kept: SpikeRow['evidence'],
  multiplier: (e: SpikeRow['evidence'][number]) => number,
  r: SpikeRow,
  top: number,
  ordinary: Set<string>,
): Big | null {
  const byRule = new Map<string, number[]>();
  for (const e of kept) {
    const p = e.points / multiplier(e);
    if (p < r.award / top) continue;
    const rule = e.rule_id ?? '';
    byRule.set(rule, [...(byRule.get(rule) ?? []), p]);
  }
  let sum = 0;
  let found: Big | null = null;
  for (const [rule, ps] of byRule) {
    const q = r.repeats?.find((x) => x.rule_id === rule);
    if (ordinary.has(rule) || (q && withinCap(r, q))) {
      sum += Math.max(...ps);
      continue;
    }
    sum += ps.reduce((a, p) => a + p, 0);
    if (q && ps.length >= 2 && (!found?.rule || ps.length > found.n))
      found = { rule, n: ps.length, usual: Math.round(q.usual * 100) / 100 };
    else if (!found && Math.max(...ps) >= r.top_floor) found = { rule: null, n: 1, usual: 0 };
  }
  return found && sum >= r.top_floor ? found : null;
}

/** The rule paid that day no more than its declared daily cap allows (in points): a count the program allows a day. */
function withinCap(r: SpikeRow, q: Repeat): boolean {
  if (q.cap === null) return false;
  const points = r.evidence.filter((e) => (e.rule_id ?? '') === q.rule_id).reduce((a, e) => a + e.points, 0);
  return points <= q.cap;
}

/**
 * The rules paid to the account that day at a count the ledger pays routinely: at every level up to that count, the
 * other account-days reach the next level as often as the collapse test of beyondMaximum accepts, and often enough
 * that it would have seen a collapse (a Poisson count at share × expected being zero has p below the same
 * threshold). A rare rule's few days never establish a count as ordinary; two of it stay two large awards.
 */
function ordinaryRepeats(ctx: AuditContext, r: SpikeRow): Set<string> {
  const s = ctx.settings.account_spike;
  const threshold = s.burst_alpha / Math.max(1, r.rules);
  const self = selfCount(ctx, r);
  const out = new Set<string>();
  for (const q of r.repeats ?? []) {
    const atLeast = othersAtLeast(q, self);
    let routine = q.daily > 0;
    for (let m = 1; routine && m < q.n; m++) {
      const expected = shareAt(atLeast, m, q.daily, s.beyond_share) * expectedNext(atLeast(m), m, q.daily);
      routine = poissonAtMost(0, expected) < threshold && poissonAtMost(atLeast(m + 1), expected) >= threshold;
    }
    if (routine) out.add(q.rule_id);
  }
  return out;
}
