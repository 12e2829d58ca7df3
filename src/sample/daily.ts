import type { Balances } from './balances.ts';
import { type Calendar, type CalendarDay, dayFactor } from './calendar.ts';
import type { Experiment } from './experiment.ts';
import { blank, intent, type Intent } from './intent.ts';
import { SEASON_FLOOR, seasonOf, type Wishlist } from './mall.ts';
import { DEPARTMENTS } from './org.ts';
import { cumulative, poisson, type Rng } from './rng.ts';
import type { Roster } from './roster.ts';
import { ADJUST_REASONS_DOWN, ADJUST_REASONS_UP, DEDUCTIONS, RULES, TRANSFER_REASONS } from './rules.ts';

const TRANSFER_POINTS = [50, 100, 100, 200, 200, 300, 500];
const deductCum = cumulative(DEDUCTIONS.map((d) => d[3]));
/** Check-ins per earning opportunity while the experiment promotes the rule. */
const CHECKIN_CAMPAIGN = 0.5;
/** Same-rule awards to one account on one day sit at least this far apart, so clean data has no near-duplicates. */
const MIN_GAP = 1800;
/** The cache of rule weights has one bit for "past the retiring rule's last use": there is one such rule. */
const RETIRED_AFTER = RULES.find((r) => r.activeUntil !== undefined)?.activeUntil ?? 1;

/** Approval time of an award or deduction: office hours, a few evenings, daytime on rest days. */
function workTime(rng: Rng, day: CalendarDay): number {
  if (!day.isWorkday) return rng.int(9 * 3600, 20 * 3600);
  return rng.chance(0.04) ? rng.int(18 * 3600 + 1800, 21 * 3600 + 1800) : rng.int(9 * 3600, 18 * 3600 + 1800);
}

/** Employees use the mall and send points whenever they like, evenings included. */
const anyTime = (rng: Rng) => rng.int(8 * 3600, 23 * 3600 + 1800);

/**
 * Normal activity of one day: for every account on the payroll, one uniform decides how many things it does
 * (Poisson over the sum of its rates), and each event then picks its kind, rule and time.
 */
export class DailyActivity {
  private readonly ruleCum = new Map<number, Float64Array>();
  private readonly todayRules: number[] = [];
  private readonly todayTimes: number[] = [];

  constructor(
    private readonly cal: Calendar,
    private readonly roster: Roster,
    private readonly balances: Balances,
    /** What each account saves for: the mall sees a redemption once the balance reaches it. */
    private readonly wishes: Wishlist,
    private readonly experiment: Experiment,
    private readonly rng: Rng,
    private readonly density: number,
  ) {}

  generate(day: CalendarDay, out: Intent[]) {
    // Locals, not `this.` loads: this loop runs once per account and day (73 million times for 100,000 accounts).
    const { roster, rng, experiment } = this;
    const { earn, deduct, transfer, redeem, joinDay, leaveDay } = roster;
    const balance = this.balances.balance;
    const { target, lastGift } = this.wishes;
    const f = dayFactor(this.cal, day) * this.density;
    const redeemF = (day.isWorkday ? 1 : 0.5) * this.density;
    const campaign = experiment.inWindow(day.index) ? CHECKIN_CAMPAIGN : 0;
    const seasonFloor = SEASON_FLOOR[day.calMonth];
    const season = seasonOf(day);
    const n = roster.accounts.length;
    const d = day.index;
    for (let a = 0; a < n; a++) {
      if (d < joinDay[a] || d >= leaveDay[a]) continue;
      const le = earn[a] * f;
      const ld = deduct[a] * f;
      const lt = transfer[a] * f;
      const bal = balance[a];
      const lr = bal >= target[a] || (bal >= seasonFloor && lastGift[a] !== season) ? redeem[a] * redeemF : 0;
      const lc = le * campaign;
      const total = le + ld + lt + lr + lc;
      if (total === 0) continue;
      const k = poisson(total, rng.next());
      if (k === 0) continue;
      this.todayRules.length = 0;
      this.todayTimes.length = 0;
      for (let e = 0; e < k; e++) {
        const u = rng.next() * total;
        if (u < le) this.earn(day, a, this.pickRule(day, a), out);
        else if (u < le + lc) this.earn(day, a, experiment.rule, out);
        else if (u < le + lc + ld) this.deduct(day, a, out);
        else if (u < le + lc + ld + lt) this.transfer(day, a, out);
        else out.push(blank('redeem', a, anyTime(rng)));
      }
    }
  }

  /**
   * Manual corrections keyed by the points administrators on working days: odd amounts (pro-rated re-issues,
   * reversals), so that round amounts stay rare in clean data. A reversal that the balance cannot cover is dropped.
   */
  adjustments(day: CalendarDay, out: Intent[]) {
    if (!day.isWorkday) return;
    const { roster, rng } = this;
    const k = poisson(roster.accounts.length * 0.0003 * this.density, rng.next());
    for (let i = 0; i < k; i++) {
      const a = Math.floor(rng.next() * roster.accounts.length);
      if (roster.earn[a] === 0 || day.index < roster.joinDay[a] || day.index >= roster.leaveDay[a]) continue;
      const up = rng.chance(0.7);
      const cents = Math.round(Math.exp(4 + 0.9 * rng.normal()) * 2) * 50;
      if (cents === 0) continue;
      out.push(
        intent({
          kind: 'adjust',
          a,
          t: workTime(rng, day),
          cents: up ? cents : -cents,
          approver: rng.pick(roster.adjusters),
          reason: rng.pick(up ? ADJUST_REASONS_UP : ADJUST_REASONS_DOWN),
          category: '调整',
        }),
      );
    }
  }

  private pickRule(day: CalendarDay, a: number): number {
    const quarterEnd = day.daysToQuarterEnd <= 12 ? 1 : 0;
    const retired = day.index >= RETIRED_AFTER * this.cal.days.length ? 2 : 0;
    const dept = this.roster.accounts[a].dept;
    const key = dept * 4 + quarterEnd + retired;
    let cum = this.ruleCum.get(key);
    if (!cum) {
      const name = DEPARTMENTS[dept].name;
      cum = cumulative(
        RULES.map((r) => {
          let w = r.weight * (r.affinity ? (r.affinity.depts[name] ?? r.affinity.others) : 1);
          // Quarterly targets: the whole quarter's awards fall in its last days.
          if (r.quarterEndDays) w = quarterEnd ? (w * 91) / r.quarterEndDays : 0;
          if (r.activeUntil !== undefined && retired) w = 0;
          return w;
        }),
      );
      this.ruleCum.set(key, cum);
    }
    return this.rng.weighted(cum);
  }

  /** An award, unless the account already had this rule as often today as normal operation allows. */
  private earn(day: CalendarDay, a: number, rule: number, out: Intent[]) {
    const r = RULES[rule];
    let times = 0;
    let last = -1;
    for (let i = 0; i < this.todayRules.length; i++) {
      if (this.todayRules[i] === rule) {
        times++;
        last = Math.max(last, this.todayTimes[i]);
      }
    }
    if (times >= r.perDay) return;
    const t = last < 0 ? workTime(this.rng, day) : Math.min(last + MIN_GAP + this.rng.int(0, 7200), 23 * 3600);
    if (last >= 0 && t - last < MIN_GAP) return;
    this.todayRules.push(rule);
    this.todayTimes.push(t);
    const exp = this.experiment;
    const inTest = rule === exp.rule && exp.inWindow(day.index);
    const x = blank('earn', a, t);
    x.rule = rule;
    x.cents = inTest ? exp.points(a) : r.points * 100;
    x.approver = this.roster.approver[a];
    x.category = r.category;
    x.variant = inTest ? exp.variant(a) : null;
    out.push(x);
  }

  private deduct(day: CalendarDay, a: number, out: Intent[]) {
    const [reason, category, points] = DEDUCTIONS[this.rng.weighted(deductCum)];
    out.push(
      intent({
        kind: 'deduct',
        a,
        t: workTime(this.rng, day),
        cents: -points * 100,
        approver: this.roster.approver[a],
        reason,
        category,
      }),
    );
  }

  private transfer(day: CalendarDay, a: number, out: Intent[]) {
    const team = this.roster.members[this.roster.accounts[a].dept];
    const cp = team[Math.floor(this.rng.next() * team.length)];
    if (
      cp === a ||
      this.roster.earn[cp] === 0 ||
      day.index < this.roster.joinDay[cp] ||
      day.index >= this.roster.leaveDay[cp]
    )
      return;
    const cents = this.rng.pick(TRANSFER_POINTS) * 100;
    out.push(
      intent({
        kind: 'transfer',
        a,
        cp,
        t: anyTime(this.rng),
        cents,
        reason: this.rng.pick(TRANSFER_REASONS),
        category: '转赠',
      }),
    );
  }
}
