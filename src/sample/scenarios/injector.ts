import type { Rng } from '../rng.ts';
import type { NormalActivity } from './activity.ts';
import { inAudit, type ScenarioDay } from './calendar.ts';
import type { AbuseKind, ScenarioCase } from './labels.ts';
import { row, type ScenarioRow } from './row.ts';
import type { ScenarioRoster } from './roster.ts';
import type { RuleSet, ScenarioRule } from './rules.ts';
import type { Shape, Strength } from './shape.ts';
import { STRENGTHS } from './shape.ts';

type Action = (day: ScenarioDay, out: ScenarioRow[]) => void;

/** What every plan's view of the injector shares: the schedule, the cases, the accounts and spike days taken. */
interface Shared {
  cases: ScenarioCase[];
  schedule: Map<number, Action[]>;
  used: Set<number>;
  /** Days a spike was put on, kept apart so that one case's day never holds another's. */
  spikeDays: Set<number>;
}

/**
 * What the abuse plans share: the day schedule, the cases, the choice of accounts (each used by one case at most,
 * so every label explains its own rows) and the strength of this variant. Plans draw the same numbers whatever the
 * strength, so the weak, medium and strong variants put their cases on the same accounts, rules, days and hours.
 * Each plan draws from streams of its own (forPlan): a plan that draws one number more or less does not move
 * another plan's accounts, days or hours, so a check's result does not hinge on an unrelated plan's draws.
 */
export class ScenarioInjector {
  private readonly shared: Shared;
  /** Placement: which accounts, rules and days. Never drawn a strength-dependent number of times. */
  readonly rng: Rng;
  /** Everything drawn while rows are written (times, members): its draws may depend on the strength. */
  readonly rowRng: Rng;
  /** Cases of each account-level kind: four on small rosters, a few more on large ones. */
  readonly count: number;
  readonly level: number;

  constructor(
    readonly shape: Shape,
    readonly roster: ScenarioRoster,
    readonly rules: RuleSet,
    readonly days: ScenarioDay[],
    readonly normal: NormalActivity,
    /** The streams of a plan from its name: placement, and rows of this strength. */
    private readonly streams: (plan: string) => { rng: Rng; rowRng: Rng },
    readonly strength: Strength,
    plan = '',
    shared?: Shared,
  ) {
    this.shared = shared ?? { cases: [], schedule: new Map(), used: new Set(), spikeDays: new Set() };
    ({ rng: this.rng, rowRng: this.rowRng } = streams(plan));
    this.count = 4 * Math.max(1, Math.round(Math.sqrt(shape.accounts / 2000)));
    this.level = STRENGTHS.indexOf(strength);
  }

  /** The injector as one plan sees it: the same schedule, cases and taken accounts, the plan's own streams. */
  forPlan(plan: string): ScenarioInjector {
    const { shape, roster, rules, days, normal, streams, strength, shared } = this;
    return new ScenarioInjector(shape, roster, rules, days, normal, streams, strength, plan, shared);
  }

  get cases(): ScenarioCase[] {
    return this.shared.cases;
  }

  /** The value of a strength-dependent parameter: [weak, medium, strong]. */
  pick<T>(values: readonly [T, T, T]): T {
    return values[this.level];
  }

  at(day: number, action: Action) {
    const { schedule } = this.shared;
    schedule.set(day, [...(schedule.get(day) ?? []), action]);
  }

  run(day: ScenarioDay, out: ScenarioRow[]) {
    for (const action of this.shared.schedule.get(day.index) ?? []) action(day, out);
  }

  addCase(
    kind: AbuseKind,
    from: number,
    to: number,
    accounts: number[],
    note: string,
    rule: string | null = null,
  ): ScenarioCase {
    const c: ScenarioCase = {
      kind,
      strength: this.strength,
      accounts: accounts.map((a) => this.roster.accounts[a].id),
      rule_id: rule,
      from: this.days[from].date,
      to: this.days[to + 1]?.date ?? '2026-01-01',
      event_ids: [],
      note,
    };
    this.cases.push(c);
    return c;
  }

  /** An ordinary audited day: a full working day, not a campaign, not the festival gap, not the Double 11 run-up. */
  plainDay(from = 0.1, to = 0.95): number {
    const audited = this.days.filter(inAudit);
    for (let k = 0; k < 1000; k++) {
      const d = audited[Math.floor((from + (to - from) * this.rng.next()) * audited.length)];
      const busy = [...this.shared.spikeDays].some((s) => Math.abs(s - d.index) < 3);
      if (d.factor >= 0.95 && d.factor <= 1.35 && d.campaign.size === 0 && !d.date.startsWith('2025-11') && !busy)
        return d.index;
    }
    throw new Error('no plain day left for an injected case');
  }

  /** A plain day reserved for a spike, at least three days from any other spike. */
  spikeDay(): number {
    const d = this.plainDay();
    this.shared.spikeDays.add(d);
    return d;
  }

  /** Picks and reserves an active staff member (or a role's holder) not used by another case. */
  take(filter: (a: number) => boolean = (a) => this.roster.accounts[a].role === '员工'): number {
    const n = this.roster.accounts.length;
    for (let k = 0; k < 10_000; k++) {
      const a = Math.floor(this.rng.next() * n);
      const acc = this.roster.accounts[a];
      if (
        this.shared.used.has(a) ||
        this.normal.quiet.has(a) ||
        (acc.role === '员工' && acc.rate < 0.5 * this.shape.activity) ||
        !filter(a)
      )
        continue;
      this.shared.used.add(a);
      return a;
    }
    throw new Error('the roster is too small for the injected cases');
  }

  isUsed(a: number): boolean {
    return this.shared.used.has(a);
  }

  /** Rules without a daily cap, most frequent first. */
  uncapped(tier?: ScenarioRule['tier']): ScenarioRule[] {
    return this.rules.rules
      .filter((r) => r.cap === null && (!tier || r.tier === tier))
      .sort((a, b) => b.weight - a.weight);
  }

  /** An account's usual active day in points: its mean award times its awards on an active day. */
  usualDay(a: number): number {
    return this.rules.meanAward * Math.max(1, this.roster.accounts[a].rate);
  }

  /** A time within working hours. */
  workTime(): number {
    return this.rowRng.int(9 * 3600, 18 * 3600);
  }

  award(
    a: number,
    rule: ScenarioRule,
    t: number,
    c: ScenarioCase,
    approver: number,
    points = rule.points,
  ): ScenarioRow {
    return row({ t, a, type: 'earn', points, rule: rule.id, approver, label: c });
  }
}
