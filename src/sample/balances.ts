/**
 * Balances kept as FIFO lots, one lot per account and month earned, in hundredths of a point (integers, so sums are
 * exact). Every debit eats the oldest lot first; at a month's end the lot earned `expiryMonths` earlier expires with
 * whatever is left in it. Deductions (扣分) are the one debit allowed to overdraw: the excess becomes a debt that the
 * next credits repay before they form a lot. Expiry only ever takes what a lot still holds, so it never overdraws.
 */
export class Balances {
  private readonly lots: Float64Array;
  private readonly debt: Float64Array;
  readonly balance: Float64Array;
  private readonly slots: number;

  constructor(
    accounts: number,
    readonly expiryMonths: number,
  ) {
    this.slots = expiryMonths + 1;
    this.lots = new Float64Array(accounts * this.slots);
    this.debt = new Float64Array(accounts);
    this.balance = new Float64Array(accounts);
  }

  credit(a: number, month: number, cents: number) {
    this.balance[a] += cents;
    const repay = Math.min(this.debt[a], cents);
    this.debt[a] -= repay;
    this.lots[a * this.slots + (month % this.slots)] += cents - repay;
  }

  /** Takes points oldest lot first. Returns false (and changes nothing) when the balance is short and overdraw is off. */
  debit(a: number, month: number, cents: number, allowOverdraw = false): boolean {
    if (!allowOverdraw && this.balance[a] < cents) return false;
    this.balance[a] -= cents;
    let rest = cents;
    for (let m = Math.max(0, month - this.expiryMonths); m <= month && rest > 0; m++) {
      const k = a * this.slots + (m % this.slots);
      const take = Math.min(this.lots[k], rest);
      this.lots[k] -= take;
      rest -= take;
    }
    this.debt[a] += rest;
    return true;
  }

  /** Called at the end of month `month`: empties the lot earned `expiryMonths` before and returns its amount. */
  expire(a: number, month: number): number {
    const earned = month - this.expiryMonths;
    if (earned < 0) return 0;
    const k = a * this.slots + (earned % this.slots);
    const amount = this.lots[k];
    this.lots[k] = 0;
    this.balance[a] -= amount;
    return amount;
  }
}
