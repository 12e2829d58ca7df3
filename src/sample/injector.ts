import type { Balances } from './balances.ts';
import type { Calendar, CalendarDay } from './calendar.ts';
import type { Experiment } from './experiment.ts';
import type { Case, Intent } from './intent.ts';
import { JOB_ROLES } from './org.ts';
import type { Rng } from './rng.ts';
import type { Roster } from './roster.ts';
import { ROOMY_RULES, ruleIndex } from './rules.ts';

type Action = (day: CalendarDay, out: Intent[]) => void;

/**
 * The machinery the abuse cases share: a schedule of actions by day, the cases written to labels.json, and the
 * choice of accounts — each account is used by one case at most, so every label explains its own rows.
 */
export class Injector {
  readonly cases: Case[] = [];
  private readonly schedule = new Map<number, Action[]>();
  private readonly used = new Set<number>();
  /** Small rosters still get every check; large ones get a few more of each, never a large share. */
  readonly scale: number;

  constructor(
    readonly cal: Calendar,
    readonly roster: Roster,
    readonly balances: Balances,
    readonly experiment: Experiment,
    readonly rng: Rng,
  ) {
    this.scale = Math.max(1, Math.round(Math.sqrt(roster.accounts.length / 2000)));
  }

  /** Runs the actions planned for this day; called after the day's normal activity is in `out`. */
  inject(day: CalendarDay, out: Intent[]) {
    for (const action of this.schedule.get(day.index) ?? []) action(day, out);
  }

  at(dayIndex: number, action: Action) {
    const list = this.schedule.get(dayIndex) ?? [];
    list.push(action);
    this.schedule.set(dayIndex, list);
  }

  addCase(c: Omit<Case, 'event_ids'>): Case {
    const full: Case = { ...c, event_ids: [] };
    this.cases.push(full);
    return full;
  }

  /** The first working day at or after a share of the range (0–1), never past the last day. */
  workdayAt(share: number): number {
    const days = this.cal.days;
    let i = Math.min(days.length - 1, Math.floor(share * days.length));
    while (i < days.length - 1 && !days[i].isWorkday) i++;
    return i;
  }

  /** Working days from `from` on, `count` of them, `step` working days apart (stops at the range's end). */
  workdays(from: number, count: number, step = 1): number[] {
    const out: number[] = [];
    let skip = 0;
    for (let i = from; i < this.cal.days.length && out.length < count; i++) {
      if (!this.cal.days[i].isWorkday) continue;
      if (skip === 0) {
        out.push(i);
        skip = step - 1;
      } else skip--;
    }
    return out;
  }

  date(dayIndex: number): string {
    return this.cal.days[dayIndex].date;
  }

  /** Exclusive end date of a case that ends on this day. */
  dateAfter(dayIndex: number): string {
    return dayIndex + 1 < this.cal.days.length ? this.cal.days[dayIndex + 1].date : this.cal.to;
  }

  /** Active earners on the payroll over [from, to] with history before `from`, not yet used by another case. */
  candidates(from: number, to: number, filter: (a: number) => boolean = () => true): number[] {
    const out: number[] = [];
    for (let a = 0; a < this.roster.accounts.length; a++) if (this.fits(a, from, to, filter)) out.push(a);
    return out;
  }

  private fits(a: number, from: number, to: number, filter: (a: number) => boolean): boolean {
    const r = this.roster;
    if (this.used.has(a) || r.earn[a] === 0) return false;
    if (r.joinDay[a] > Math.max(0, from - 60) || r.leaveDay[a] <= to) return false;
    return filter(a);
  }

  /**
   * Picks and reserves one candidate. Random probes first: scanning 100,000 accounts for each of a hundred cases
   * cost seconds; the full scan remains for small rosters where probes may all miss.
   */
  takeOne(from: number, to: number, filter: (a: number) => boolean = () => true): number | null {
    const n = this.roster.accounts.length;
    for (let k = 0; k < 200; k++) {
      const a = Math.floor(this.rng.next() * n);
      if (this.fits(a, from, to, filter)) {
        this.used.add(a);
        return a;
      }
    }
    return this.take(this.candidates(from, to, filter));
  }

  /** Picks and reserves one account from the candidates; null when none is left (tiny rosters). */
  take(candidates: number[]): number | null {
    const free = candidates.filter((a) => !this.used.has(a));
    if (free.length === 0) return null;
    const a = this.rng.pick(free);
    this.used.add(a);
    return a;
  }

  reserve(a: number) {
    this.used.add(a);
  }

  isUsed(a: number): boolean {
    return this.used.has(a);
  }

  isStaff(a: number): boolean {
    const role = this.roster.accounts[a].role;
    return role === JOB_ROLES.staff || role === JOB_ROLES.lead;
  }

  /** A rule with room for one more award that this account has not received today (so no cap or duplicate clash). */
  freeRule(out: Intent[], a: number, rules: readonly string[] = ROOMY_RULES): number {
    const taken = new Set(out.filter((x) => x.a === a && x.kind === 'earn').map((x) => x.rule));
    const open = rules.map(ruleIndex).filter((r) => !taken.has(r) && r !== this.experiment.rule);
    return open.length ? this.rng.pick(open) : -1;
  }

  id(a: number): string {
    return this.roster.accounts[a].id;
  }
}
