import type { Balances } from './balances.ts';
import type { Day } from './calendar.ts';
import type { Experiment } from './experiment.ts';
import type { Intent } from './intent.ts';
import { type LedgerWriter, Row } from './ledger-writer.ts';
import { ITEMS, shelf, type Item } from './mall.ts';
import { cumulative, type Rng } from './prng.ts';
import type { Roster } from './roster.ts';
import { RULES } from './rules.ts';

const itemCum = cumulative(ITEMS.map((it) => it.weight));
const EXPIRE_TIME = 23 * 3600 + 59 * 60 + 59;

/** A savings target: the price of an item the account has its eye on (hundredths of a point). */
export function drawTarget(rng: Rng): number {
  return ITEMS[rng.weighted(itemCum)].points * 100;
}

/**
 * Applies a day's plans in time order against the balances and writes the rows that survive: a redemption needs an
 * affordable item, a transfer or a reversal needs the balance, and at a month's end the lot earned twelve months
 * before expires.
 */
export class Applier {
  private readonly shelves = new Map<string, { items: Item[]; cum: Float64Array }>();
  private readonly row = new Row();

  constructor(
    private readonly roster: Roster,
    private readonly balances: Balances,
    private readonly target: Float64Array,
    private readonly experiment: Experiment,
    private readonly writer: LedgerWriter,
    private readonly rng: Rng,
  ) {}

  applyDay(day: Day, intents: Intent[]) {
    intents.forEach((x, i) => (x.seq = i));
    intents.sort((x, y) => x.t - y.t || x.seq - y.seq);
    for (const x of intents) this.apply(day, x);
    if (day.isMonthEnd) this.expire(day);
  }

  private apply(day: Day, x: Intent) {
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

  private redeem(day: Day, x: Intent) {
    const woman = this.roster.accounts[x.a].gender === '女';
    const key = `${day.calMonth}:${woman}`;
    let s = this.shelves.get(key);
    if (!s) {
      const items = shelf(day.calMonth, woman);
      s = { items, cum: cumulative(items.map((it) => it.weight)) };
      this.shelves.set(key, s);
    }
    // Draw from the shelf, then fall back to the dearest affordable item: people buy what they saved for.
    const balance = this.balances.balance[x.a];
    let item: Item | undefined = s.items[this.rng.weighted(s.cum)];
    if (item.points * 100 > balance) item = s.items.filter((it) => it.points * 100 <= balance).sort((p, q) => q.points - p.points)[0];
    if (!item) return;
    this.balances.debit(x.a, day.month, item.points * 100);
    const row = this.row.reset(day.date, x.t, x.a, -item.points * 100, 'redeem');
    row.rule = item.id;
    row.category = item.category;
    row.cash = item.cash.toFixed(2);
    row.reason = `兑换${item.name}`;
    row.label = x.label;
    this.writer.write(row);
    this.target[x.a] = drawTarget(this.rng);
  }

  private expire(day: Day) {
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
  private earnedMonth(day: Day): string {
    const m = Number(day.date.slice(0, 4)) * 12 + day.calMonth - 1 - this.balances.expiryMonths;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  }
}
