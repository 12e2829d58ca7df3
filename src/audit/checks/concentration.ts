import { z } from 'zod';
import { type NarrowedRow, run } from '../../db/run.ts';
import { normalCdf } from '../../stats/distributions.ts';
import type { Check } from '../context.ts';
import { binomialTail, hypergeometricTail } from '../binomial.ts';
import { pointsTail } from '../transfer-points.ts';
import { type FlagInput, makeFlag, pct } from '../flag.ts';
import { PeriodParams } from '../../db/query-types.ts';

const Params = PeriodParams.extend({ share: z.number(), min_count: z.number().int(), min_receivers: z.number().int() });
// The header says VARCHAR; the check's arithmetic depends on which of these words it is.
const narrow = { role: z.enum(['approver', 'giver']), test: z.enum(['share', 'split', 'rule']) };
type Row = NarrowedRow<'audit_concentration', typeof narrow>;

/**
 * The share test on a log scale: d = ln(top receiver's movements / the geometric mean of the giver's other
 * receivers') against this ledger's spread of d between ordinary receivers, plus the Poisson noise of both sides
 * (which the spread holds already: counted twice errs towards fewer flags, and keeps a tiny ledger whose receivers
 * are all alike from dividing by zero). One-sided normal p × pairs judged (Bonferroni).
 */
function shareP(r: Row): number {
  const peer = r.peer_n ?? 0;
  if (peer <= 0) return 1;
  const spread = r.spread ?? 0;
  const z = Math.log(r.hits / peer) / Math.sqrt(spread * spread + 1 / r.hits + (r.others_n ?? 0));
  return normalCdf(-z);
}

/**
 * One-sided p of a row's test, before the multiple-testing correction. A rule test's pass 2 (audit_concentration.sql:
 * peer_n = the receiver's award-days of the rules not elevated, others_n = those rules' award-days of the rule's
 * receivers) is Fisher's exact test of the receiver against the rule's other receivers, in the rule and in those rules.
 * A giver's transfers are audit.md's share rule (the query's candidate: half or more of the giver's points to one
 * receiver, min_count transfers, min_receivers receivers) with its minimum count: the top receiver's transfers against
 * an even split over the giver's receivers. Gifts are chosen, not earned: a receiver getting more is the favour itself
 * and needs no ledger-wide spread, which with a few givers judged came from the favourite's own giver and hid it.
 * The points test (giverPoints) is judged beside it.
 */
function testP(r: Row): number {
  if (r.test === 'share' && r.role === 'giver') return binomialTail(r.hits, r.movements, 1 / (r.receivers ?? 1));
  if (r.test === 'share') return shareP(r);
  if (r.test === 'rule' && r.peer_n !== null && r.others_n !== null)
    return hypergeometricTail(r.hits, r.movements + r.others_n, r.movements, r.hits + r.peer_n);
  return binomialTail(r.hits, r.movements, r.expected);
}

/**
 * A giver's transfers weighed by points: the chance that the top receiver's points reach what it got when each of the
 * giver's transfers goes to one of the giver's receivers at random (transfer-points.ts), or null when the test does
 * not apply: all amounts alike (it is then the count test), or fewer than MIN_POINTS_TRANSFERS to the receiver.
 */
function giverPoints(r: Row, pMax: number): number | null {
  if (r.test !== 'share' || r.role !== 'giver' || !r.amounts || !r.amount_n || r.amounts.length < 2) return null;
  if (r.hits < MIN_POINTS_TRANSFERS) return null;
  const receivers = r.receivers ?? 1;
  // The chance is at least R^-k (the receiver gets its own k transfers): where that × R misses the bar, the tail
  // (n × 20,000 steps) is not summed, and 1 stands for a p that cannot pass.
  if (receivers ** (1 - r.hits) >= pMax) return 1;
  const cents = (v: number) => Math.round(v * 100);
  return pointsTail(r.amounts.map(cents), r.amount_n, cents(r.top_points), 1 / receivers);
}

/**
 * Transfers to the receiver the points test needs, at least. One is never enough and needs no rule: P(S ≥ s) is at
 * least the chance R^-k that the receiver gets its own k transfers, so p × R receivers ≥ R^(1−k), 1 at k = 1. Two
 * pass the bar only beyond 1,000 receivers, and two gifts can be one occasion (a gift and its top-up, an amount
 * split over two rows); three are a repeat, and pass from 32 receivers.
 */
const MIN_POINTS_TRANSFERS = 3;

/**
 * Tests a row's p is multiplied by (Bonferroni). A giver's transfers: its receivers, as the top one of them is
 * picked; each giver is judged once, where the query's count of every pair of every giver (a bar of one flag in a
 * thousand audits) let no favourite of a small program through. Each of the two tests (count, points) keeps its own
 * bar and a giver is flagged when either passes: together they could reach 2 p per giver judged, measured at 0.28
 * per 1,000 givers on 120,000 generated at random (README "Concentration of transfers"), under the matrix's target
 * of 5 per 1,000 accounts; halving both bars instead (0.11 per 1,000) lost 8 % of the count test's flags.
 */
const multiplier = (r: Row) => (r.test === 'share' && r.role === 'giver' ? (r.receivers ?? 1) : r.tests);

/** A row's p after the correction, and whether the points test gave it (a giver's transfers). */
function judge(r: Row, pMax: number): { p: number; byPoints: boolean } {
  const points = giverPoints(r, pMax);
  const count = testP(r);
  const byPoints = points !== null && points < count;
  return { p: Math.min(1, multiplier(r) * (byPoints ? (points as number) : count)), byPoints };
}

/**
 * A giver or approver favouring one receiver beyond what the receiver's peers explain (audit.md; the three tests are
 * described in audit_concentration.sql and the README): a dominant receiver (of a giver's transfers, in count or in points,
 * against transfers sent at random, of an approver's awards against the approver's other receivers), an approver signing more of a receiver's rows than their co-approvers do, or an approver awarding one rule to one
 * receiver on far more days than that receiver's share of the approver's other rules. Low or medium severity.
 */
export const concentration: Check = {
  name: 'concentration',
  async run(ctx) {
    const s = ctx.settings.concentration;
    const flagged = new Set<string>();
    const rows = await run(
      ctx.db,
      'audit_concentration',
      Params,
      {
        from: ctx.from,
        to: ctx.to,
        share: s.share,
        min_count: s.min_count,
        min_receivers: s.min_receivers,
      },
      narrow,
    );
    // Strongest evidence first, so that a pair flagged by two tests is explained by the stronger one.
    const judged = rows
      .map((r) => ({ r, ...judge(r, s.p) }))
      .sort((a, b) => a.p - b.p || a.r.giver.localeCompare(b.r.giver) || a.r.receiver.localeCompare(b.r.receiver));
    const flags = judged.flatMap(({ r, p, byPoints }) => {
      const seen = `${r.giver}\u0000${r.receiver}`;
      if (p >= s.p || flagged.has(seen)) return [];
      flagged.add(seen);
      return makeFlag(ctx, {
        ...describe(r, s.p, byPoints ? p : null),
        check: 'concentration',
        subject: 'approver',
        account_id: r.giver,
        accounts: [r.giver, r.receiver],
        from: ctx.from,
        to: ctx.to,
        score: p,
        event_ids: r.event_ids,
      });
    });
    flags.sort(
      (a, b) => (a.account_id ?? '').localeCompare(b.account_id ?? '') || a.accounts[1].localeCompare(b.accounts[1]),
    );
    return { flags };
  },
};

/** Value, baseline, threshold and explanation of each test. */
function describe(
  r: Row,
  pMax: number,
  pointsP: number | null,
): Omit<FlagInput, 'check' | 'subject' | 'account_id' | 'from' | 'to' | 'score' | 'event_ids'> {
  const share = r.top_points / r.total_points;
  const severity: 'medium' | 'low' = share >= 0.8 ? 'medium' : 'low';
  if (r.test === 'split')
    return {
      severity,
      value: share,
      baseline: r.expected,
      threshold: pMax,
      threshold_name: "p of this approver's share of the receiver's rows (× pairs tested)",
      reason_key: 'concentration_split',
      reason_vars: {
        giver: r.giver,
        receiver: r.receiver,
        n: r.hits,
        rows: r.movements,
        share: pct(r.hits / r.movements),
        expected: pct(r.expected),
      },
    };
  if (r.test === 'rule')
    return {
      severity,
      value: r.hits / r.movements,
      baseline: r.expected,
      threshold: pMax,
      threshold_name: "p of the receiver's share of the approver's award-days of one rule (× cells tested)",
      rule_id: r.rule_id ?? undefined,
      // Pass 2: the baseline leaves out the receiver's other rules that stand out as well.
      reason_key: r.peer_n === null ? 'concentration_rule' : 'concentration_rule_spread',
      reason_vars: {
        giver: r.giver,
        receiver: r.receiver,
        rule: r.rule_id ?? '',
        n: r.hits,
        days: r.movements,
        share: pct(r.hits / r.movements),
        expected: pct(r.expected),
      },
    };
  const even = 1 / (r.receivers ?? 1);
  const base = { severity, value: share, baseline: even, threshold: pMax };
  if (r.role === 'giver' && pointsP !== null)
    return {
      ...base,
      threshold_name:
        "p of the top receiver's points with each transfer sent to one of the giver's receivers at random (× receivers)",
      reason_key: 'concentration_transfer_points',
      reason_vars: {
        giver: r.giver,
        share: pct(share),
        total: r.total_points,
        receiver: r.receiver,
        n: r.hits,
        transfers: r.movements,
        receivers: r.receivers ?? 1,
        // The chance for any one of the receivers (at most p × receivers, the score).
        chance: Number(pointsP.toPrecision(2)),
      },
    };
  if (r.role === 'giver')
    return {
      ...base,
      threshold_name: "p of the top receiver's transfers under an even split over the giver's receivers (× receivers)",
      reason_key: 'concentration_transfers',
      reason_vars: {
        giver: r.giver,
        n: r.hits,
        transfers: r.movements,
        share: pct(share),
        total: r.total_points,
        receiver: r.receiver,
        receivers: r.receivers ?? 1,
        even: pct(even),
      },
    };
  return {
    ...base,
    threshold_name: "p of the top receiver's movements against the approver's other receivers (× pairs judged)",
    reason_key: 'concentration',
    reason_vars: { giver: r.giver, share: pct(share), total: r.total_points, role: 'approved', receiver: r.receiver },
  };
}
