import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, day, insertRows, openDb, type Row, transfer } from './fixture.ts';

/**
 * A ring of three weeks inside a year of ordinary gifts (issue 13: rings missed on big office ledgers). The members'
 * share of receipts from inside the cycle is judged over the weeks the cycle ran, not over the audited period: a
 * year of ordinary thanks to a busy member must not hide a ring a quarter's audit finds.
 */
const YEAR = { from: '2026-01-01', to: '2027-01-01' };
const QUARTER = { from: '2026-01-01', to: '2026-04-01' };

/** A → B → C → A, 20 points each, one evening a week for four weeks from 2 March. */
const ring = (): Row[] =>
  [0, 7, 14, 21].flatMap((w) => {
    const d = day('2026-03-02', w);
    return [
      ...transfer(`${d} 20:00:00`, 'A', 'B', 20),
      ...transfer(`${d} 20:05:00`, 'B', 'C', 20),
      ...transfer(`${d} 20:10:00`, 'C', 'A', 20),
    ];
  });

/** `n` gifts of 20 to `receiver`, each from another colleague (no edge repeats), every `step` days from `start`. */
const gifts = (receiver: string, n: number, start: string, step = 9): Row[] =>
  Array.from({ length: n }, (_, i) =>
    transfer(`${day(start, step * i)} 11:00:00`, `${receiver}-G${i}`, receiver, 20),
  ).flat();

describe('ring: the in-cycle share over the weeks the cycle ran', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('flags a short ring whose busy member gets more in ordinary gifts over the year than the ring passed', async () => {
    // Over the year: 12 ring transfers = 240 points in, against (2 + 2 + 20) gifts = 480 points from outside (a
    // third from inside), all of them outside the ring's four weeks; C is the busy one.
    await insertRows(db, [
      ...ring(),
      ...gifts('A', 2, '2026-06-01'),
      ...gifts('B', 2, '2026-06-01'),
      ...gifts('C', 20, '2026-04-01'),
    ]);
    const year = await audit(db, { ...YEAR, checks: ['ring'] });
    expect(year.flags.map((f) => [f.accounts, f.value, f.from, f.to])).toEqual([
      [['A', 'B', 'C'], 1, '2026-03-02', '2026-03-24'],
    ]);
    expect(year.flags[0].reason_vars).toMatchObject({ span_from: '2026-03-02', span_to: '2026-03-23', share: '100 %' });
    // The quarter that holds it names the same ring with the same share: the period's length does not decide.
    const quarter = await audit(db, { ...QUARTER, checks: ['ring'] });
    expect(quarter.flags.map((f) => [f.accounts, f.value])).toEqual([[['A', 'B', 'C'], 1]]);
  });

  it('does not flag the cycle when, in the weeks it ran, its members got more from outside than from inside', async () => {
    // Each member also gets 5 gifts of 20 from colleagues between 3 and 19 March: 240 points from inside against 300
    // from outside (0.44), while over the year too nothing else arrives.
    await insertRows(db, [...ring(), ...['A', 'B', 'C'].flatMap((m) => gifts(m, 5, '2026-03-03', 4))]);
    expect((await audit(db, { ...YEAR, checks: ['ring'] })).flags.length).toBe(0);
  });
});
