import { poisson, type Rng } from '../rng.ts';
import type { ScenarioDay } from './calendar.ts';
import { row, type ScenarioRow } from './row.ts';
import { approverOf, type ScenarioRoster } from './roster.ts';
import { perDay, type RuleSet } from './rules.ts';
import type { Shape } from './shape.ts';

const HOUR = 3600;

/**
 * Normal activity of one day: awards within the caps, a few deductions, gifts between colleagues, redemptions and
 * manual adjustments. Every draw is made whatever its outcome (a quiet account, a short balance), so the injected
 * variants and the clean twin share the same normal rows.
 */
export class NormalActivity {
  /** Per account, [from, to) day indexes without any activity: leave, or the dormancy of a burst-then-cash-out. */
  readonly quiet = new Map<number, [number, number][]>();
  private readonly staff: number[];

  constructor(
    private readonly shape: Shape,
    private readonly roster: ScenarioRoster,
    private readonly rules: RuleSet,
    private readonly rng: Rng,
  ) {
    this.staff = roster.accounts.flatMap((a, i) => (a.role === '员工' ? [i] : []));
  }

  /** About one staff member in a hundred takes a long leave (100–200 days) and comes back: dormancy that is not abuse. */
  planLeaves(days: number, rng: Rng) {
    for (const a of this.staff) {
      if (!rng.chance(0.01)) continue;
      const from = rng.int(0, days - 100);
      this.addQuiet(a, from, from + rng.int(100, 200));
    }
  }

  addQuiet(a: number, from: number, to: number) {
    this.quiet.set(a, [...(this.quiet.get(a) ?? []), [from, to]]);
  }

  isQuiet(a: number, day: number): boolean {
    return (this.quiet.get(a) ?? []).some(([f, t]) => day >= f && day < t);
  }

  day(d: ScenarioDay, out: ScenarioRow[]) {
    const { rng, roster, rules, shape } = this;
    const n = roster.accounts.length;
    for (let a = 0; a < n; a++) {
      const acc = roster.accounts[a];
      const k = poisson(acc.rate * d.factor, rng.next());
      if (k === 0 || acc.role === '积分管理员') continue;
      const counts = new Map<number, number>();
      const last = new Map<number, [first: number, latest: number]>();
      for (let j = 0; j < k; j++) {
        const r = rng.weighted(rules.cumulative);
        let t = this.time();
        const approver = approverOf(roster, a, rng);
        const rule = rules.rules[r];
        const c = counts.get(r) ?? 0;
        if (c >= perDay(rule) || this.isQuiet(a, d.index)) continue;
        counts.set(r, c + 1);
        // Further awards of one rule come one to two hours apart, away from the first (earlier when it was in the
        // afternoon): minutes apart is the duplicate pattern. At most three a day, so they stay within 06:00–18:00.
        const prev = last.get(r);
        if (prev !== undefined) t = prev[0] >= 12 * HOUR ? prev[1] - HOUR - (t % HOUR) : prev[1] + HOUR + (t % HOUR);
        last.set(r, [prev?.[0] ?? t, t]);
        // A campaign multiplies the points of uncapped rules; a capped rule's cap still holds.
        const m = rule.cap === null ? (d.campaign.get(rule.id) ?? d.campaign.get('*') ?? 1) : 1;
        out.push(row({ t, a, type: 'earn', points: rule.points * m, rule: rule.id, approver }));
      }
    }
    // Deductions, gifts and redemptions: rarer events drawn per account-day in one pass.
    for (const a of this.staff) {
      const u = rng.next();
      const t = this.time();
      const size = rng.pick([5, 10, 20, 50]) * shape.scale;
      const other = rng.pick(this.staff);
      const approver = approverOf(roster, a, rng);
      if (this.isQuiet(a, d.index)) continue;
      if (u < 0.004 * d.factor) out.push(row({ t, a, type: 'deduct', points: -size, approver, reason: '迟到早退' }));
      else if (u < 0.012 * d.factor && other !== a && !this.isQuiet(other, d.index))
        out.push(row({ t, a, type: 'transfer', points: -size, cp: other, reason: '感谢协助' }));
      else if (u < 0.03 * d.factor)
        out.push(row({ t, a, type: 'redeem', points: -size * 10, rule: 'ITEM', reason: '兑换商品' }));
    }
    // Manual adjustments keyed by the points administrators: amounts of any size, rarely round.
    const adjustments = poisson((n / 400) * d.factor, rng.next());
    for (let j = 0; j < adjustments; j++) {
      const h = rng.pick(roster.adjusters);
      const a = rng.pick(this.staff);
      const points = Math.max(1, Math.round(shape.scale * 40 * rng.lognormal(0.8)));
      const t = this.time();
      if (!this.isQuiet(a, d.index)) out.push(row({ t, a, type: 'adjust', points, approver: h, reason: '漏记补录' }));
    }
  }

  /** Time of a normal row: office or shop hours, a few in the evening and very few at night (late batch jobs). */
  time(): number {
    const u = this.rng.next();
    const v = this.rng.next();
    if (u < 0.003) return Math.floor((22 + 8 * v) * HOUR) % (24 * HOUR);
    if (u < 0.04) return Math.floor((19.5 + 2.5 * v) * HOUR);
    const [start, end] = this.shape.week === 'office' ? [8.5, 19.5] : [9, 21.5];
    return Math.floor((start + (end - start) * v) * HOUR);
  }
}
