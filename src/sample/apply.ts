import type { Balances } from './balances.ts';
import type { CalendarDay } from './calendar.ts';
import type { Experiment } from './experiment.ts';
import type { Intent } from './intent.ts';
import { type LedgerWriter, Row } from './ledger-writer.ts';
import type { Wishlist } from './mall.ts';
import type { Roster } from './roster.ts';
import { RULES } from './rules.ts';

const EXPIRE_TIME = 23 * 3600 + 59 * 60 + 59;

/**
 * Applies a day's plans in time order against the balances and writes the rows that survive: a redemption needs an
 * affordable item, a transfer or a reversal needs the balance, and at a month's end the lot earned twelve months
 * before expires.
 */
export class Applier {
  private readonly row = new Row();
  private readonly slots = new Int32Array(86_401);

  constructor(
    private readonly roster: Roster,
    private readonly balances: Balances,
    private readonly wishes: Wishlist,
    private readonly experiment: Experiment,
    private readonly writer: LedgerWriter,
  ) {}

  applyDay(day: CalendarDay, intents: Intent[]) {
    for (const x of this.inTimeOrder(intents)) this.apply(day, x);
    if (day.isMonthEnd) this.expire(day);
  }

  /** Stable counting sort on the second of the day: ties keep the order in which they were planned. */
  private inTimeOrder(intents: Intent[]): Intent[] {
    const at = this.slots.fill(0);
    for (const x of intents) at[x.t + 1]++;
    for (let s = 1; s < at.length; s++) at[s] += at[s - 1];
    const sorted: Intent[] = new Array(intents.length);
    for (const x of intents) sorted[at[x.t]++] = x;
    return sorted;
  }

  private apply(day: CalendarDay, x: Intent) {
    const { balances, writer } = this;
    const row = this.row.reset(day.date, x.t, x.a, x.cents, x.kind);
    row.reason = x.reason;
    row.category = x.category;
    row.label = x.label;
    switch (x.kind) {
      case 'earn':
        balances.credit(x.a, day.month, x.cents);
        row.rule = RULES[x.rule].id;
        row.approver = x.approver;
        if (x.variant) {
          row.experiment = this.experiment.id;
          row.variant = x.variant;
        }
        writer.write(row);
        if (this.experiment.inWindow(day.index)) this.experiment.record(x.a, x.rule, x.cents);
        return;
      case 'deduct':
        balances.debit(x.a, day.month, x.cents, true);
        row.cents = -x.cents;
        row.approver = x.approver;
        writer.write(row);
        return;
      case 'adjust':
        if (x.cents > 0) balances.credit(x.a, day.month, x.cents);
        else if (!balances.debit(x.a, day.month, -x.cents)) return;
        row.approver = x.approver;
        writer.write(row);
        return;
      case 'transfer':
        if (!balances.debit(x.a, day.month, x.cents)) return;
        balances.credit(x.cp, day.month, x.cents);
        row.cents = -x.cents;
        row.cp = x.cp;
        writer.write(row);
        row.a = x.cp;
        row.cents = x.cents;
        row.cp = x.a;
        writer.write(row);
        return;
      case 'redeem':
        this.redeem(day, x);
    }
  }

  private redeem(day: CalendarDay, x: Intent) {
    const item = this.wishes.choose(x.a, day, this.roster.accounts[x.a].gender === '女', this.balances.balance[x.a]);
    if (!item) return;
    this.balances.debit(x.a, day.month, item.points * 100);
    const row = this.row.reset(day.date, x.t, x.a, -item.points * 100, 'redeem');
    row.rule = item.id;
    row.category = item.category;
    row.cash = item.cash.toFixed(2);
    row.reason = `兑换${item.name}`;
    row.label = x.label;
    this.writer.write(row);
    this.wishes.renew(x.a);
  }

  private expire(day: CalendarDay) {
    const reason = `${this.earnedMonth(day)}获得积分到期`;
    for (let a = 0; a < this.roster.accounts.length; a++) {
      const cents = this.balances.expire(a, day.month);
      if (cents <= 0) continue;
      const row = this.row.reset(day.date, EXPIRE_TIME, a, -cents, 'expire');
      row.reason = reason;
      this.writer.write(row);
    }
  }

  /** "YYYY-MM" of the month whose lot expires at the end of this day's month. */
  private earnedMonth(day: CalendarDay): string {
    const m = Number(day.date.slice(0, 4)) * 12 + day.calMonth - 1 - this.balances.expiryMonths;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  }
}
