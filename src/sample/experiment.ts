import { type Calendar, dayIndexOf, quarterContaining, addMonths } from './calendar.ts';
import { hash32 } from './rng.ts';
import type { Roster } from './roster.ts';
import { EXPERIMENT_RULE, ruleIndex, RULES } from './rules.ts';

/** Arm B is paid this much more per check-in than arm A; participation is identical by construction. */
export const B_MULTIPLIER = 1.15;

/**
 * The A/B test of the check-in rule: one quarter, arms by a seeded hash of the account id, and a running tally of
 * what arm B was paid against what it would have been paid as A — the true effect written to labels.json.
 */
export class Experiment {
  readonly id: string;
  readonly rule = ruleIndex(EXPERIMENT_RULE);
  readonly from: string;
  readonly to: string;
  readonly fromDay: number;
  readonly toDay: number;
  readonly pre: { from: string; to: string } | null;
  /** 0 = not in the window's population, 1 = A, 2 = B. */
  readonly arm: Uint8Array;
  private readonly paid = { A: 0, B: 0 };
  private readonly totalIssued = { A: 0, B: 0 };
  private checkinsB = 0;

  constructor(cal: Calendar, roster: Roster, seed: number) {
    const quarters: string[] = [];
    for (let q = quarterContaining(cal.from).from; addMonths(q, 3) <= cal.to; q = addMonths(q, 3))
      if (q >= cal.from) quarters.push(q);
    // The second-to-last quarter when a full quarter precedes it (a pre-period for CUPED and a post-period after it).
    const pick = quarters.length >= 3 ? quarters.length - 2 : quarters.length - 1;
    const q = quarterContaining(quarters[pick]);
    this.from = q.from;
    this.to = q.to;
    this.pre = pick > 0 ? { from: quarters[pick - 1], to: q.from } : null;
    this.id = `EXP-${q.label}-checkin`;
    this.fromDay = dayIndexOf(cal, q.from);
    this.toDay = dayIndexOf(cal, q.to);
    this.arm = new Uint8Array(roster.accounts.length);
    for (const a of roster.accounts) {
      if (roster.joinDay[a.idx] < this.toDay && roster.leaveDay[a.idx] > this.fromDay) {
        this.arm[a.idx] = hash32(`${seed}:${this.id}:${a.id}`) % 2 === 0 ? 1 : 2;
      }
    }
  }

  inWindow(day: number): boolean {
    return day >= this.fromDay && day < this.toDay;
  }

  variant(a: number): 'A' | 'B' | null {
    return this.arm[a] === 1 ? 'A' : this.arm[a] === 2 ? 'B' : null;
  }

  /** Points for one check-in of account a in the window. */
  points(a: number): number {
    const base = RULES[this.rule].points * 100;
    return this.arm[a] === 2 ? Math.round(base * B_MULTIPLIER) : base;
  }

  /** Tallies every written earn row of the window, so the labels carry both arms' realised means. */
  record(a: number, rule: number, cents: number) {
    const v = this.variant(a);
    if (!v) return;
    this.totalIssued[v] += cents;
    if (rule !== this.rule) return;
    this.paid[v] += cents;
    if (v === 'B') this.checkinsB++;
  }

  labels() {
    const n = { A: 0, B: 0 };
    for (const x of this.arm) if (x) n[x === 1 ? 'A' : 'B']++;
    const base = RULES[this.rule].points;
    const extraB = ((Math.round(base * 100 * B_MULTIPLIER) - base * 100) / 100) * this.checkinsB;
    const abs = n.B ? extraB / n.B : 0;
    const counterfactualRule = n.B ? this.paid.B / 100 / n.B - abs : 0;
    const counterfactualTotal = n.B ? this.totalIssued.B / 100 / n.B - abs : 0;
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    return {
      experiment_id: this.id,
      rule_id: RULES[this.rule].id,
      split: { A: 0.5, B: 0.5 },
      true_effect: {
        metric: 'issued_per_account',
        scope: `${RULES[this.rule].id} earn rows in the window`,
        abs: round(abs),
        rel: round(counterfactualRule ? abs / counterfactualRule : 0),
        total_abs: round(abs),
        total_rel: round(counterfactualTotal ? abs / counterfactualTotal : 0),
      },
      design: `arm B is paid ${Math.round(base * 100 * B_MULTIPLIER) / 100} points per check-in instead of ${base}; who checks in and when is drawn identically in both arms`,
      window: { from: this.from, to: this.to },
      pre_period: this.pre,
      arms: {
        A: {
          n: n.A,
          issued_rule_mean: round(n.A ? this.paid.A / 100 / n.A : 0),
          issued_mean: round(n.A ? this.totalIssued.A / 100 / n.A : 0),
        },
        B: {
          n: n.B,
          issued_rule_mean: round(n.B ? this.paid.B / 100 / n.B : 0),
          issued_mean: round(n.B ? this.totalIssued.B / 100 / n.B : 0),
        },
      },
      assignments: 'assignments.csv',
    };
  }
}
