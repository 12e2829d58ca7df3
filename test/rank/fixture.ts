import type { Database } from '../../src/db/database.ts';
import { insertLedger, openTestDb, type LedgerRow } from '../queries/fixture.ts';

/**
 * A ranking fixture worked out by hand (no roster, so the population is the active accounts).
 *
 * February 2026 (the previous month), earn rows:  b 300, c 300, e 200, a 100, d 50; f only redeems (active, no earnings).
 *   overall competition ranks: b 1, c 1, e 3, a 4, d 5
 *   within department: Sales b 1, a 2 · Ops c 1, e 2, d 3
 * March 2026 (the month ranked): a 200 + 300 = 500, b 300, c 300, d 300, e 100, f 50, h 50 (no department);
 *   g only has a deduct row (active, issued 0: in the population, never ranked); x only has an expire row (not active).
 *   Σ issued = 500 + 3 × 300 + 100 + 50 + 50 = 1600; population = a b c d e f g h = 8.
 *   overall ranks: a 1, b c d 2 (three-way tie), e 5, f h 6
 *   Sales (a, b, f): a 1, b 2, f 3, Σ 850 · Ops (c, d, e): c d 1, e 3, Σ 700 · no department (h): h 1, Σ 50
 * May 2026 (April empty): p001…p120 earn 1…120 points, q earns 111 (a tie with p111 at tenth place).
 */
export const RANK_ROWS: LedgerRow[] = [
  ...(
    [
      ['b', 300, 'Sales'],
      ['c', 300, 'Ops'],
      ['e', 200, 'Ops'],
      ['a', 100, 'Sales'],
      ['d', 50, 'Ops'],
    ] as const
  ).map(
    ([account, points, department], i): LedgerRow => ({
      at: `2026-02-${String(i + 2).padStart(2, '0')} 10:00:00`,
      account,
      points,
      type: 'earn',
      attrs: { department },
    }),
  ),
  { at: '2026-02-20 10:00:00', account: 'f', points: -40, type: 'redeem', attrs: { department: 'Sales' } },
  { at: '2026-03-02 10:00:00', account: 'a', points: 200, type: 'earn', attrs: { department: 'Sales' } },
  { at: '2026-03-03 10:00:00', account: 'a', points: 300, type: 'earn', attrs: { department: 'Sales' } },
  { at: '2026-03-04 10:00:00', account: 'b', points: 300, type: 'earn', attrs: { department: 'Sales' } },
  { at: '2026-03-05 10:00:00', account: 'c', points: 300, type: 'earn', attrs: { department: 'Ops' } },
  { at: '2026-03-06 10:00:00', account: 'd', points: 300, type: 'earn', attrs: { department: 'Ops' } },
  { at: '2026-03-07 10:00:00', account: 'e', points: 100, type: 'earn', attrs: { department: 'Ops' } },
  { at: '2026-03-08 10:00:00', account: 'f', points: 50, type: 'earn', attrs: { department: 'Sales' } },
  { at: '2026-03-09 10:00:00', account: 'h', points: 50, type: 'earn' },
  { at: '2026-03-10 10:00:00', account: 'g', points: -20, type: 'deduct', attrs: { department: 'Ops' } },
  { at: '2026-03-11 10:00:00', account: 'x', points: -5, type: 'expire' },
  ...Array.from(
    { length: 120 },
    (_, i): LedgerRow => ({
      at: '2026-05-10 10:00:00',
      account: `p${String(i + 1).padStart(3, '0')}`,
      points: i + 1,
      type: 'earn',
    }),
  ),
  { at: '2026-05-11 10:00:00', account: 'q', points: 111, type: 'earn' },
];

export async function rankDb(path = ':memory:'): Promise<Database> {
  const db = await openTestDb(path);
  await insertLedger(db, RANK_ROWS);
  return db;
}

export const MARCH = { from: '2026-03-01', to: '2026-04-01' };
export const FEBRUARY = { from: '2026-02-01', to: '2026-03-01' };
