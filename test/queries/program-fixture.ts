import type { Database } from '../../src/db/database.ts';
import { insertAccounts, insertLedger, insertRules, openTestDb, type LedgerRow } from './fixture.ts';

/**
 * A small program whose every number the query tests work out by hand.
 * Quarters: 2025Q4 = [2025-10-01, 2026-01-01) and P = 2026Q1 = [2026-01-01, 2026-04-01).
 *
 *  #  occurred_at            account  points  type      rule   cash   attrs
 *  1  2025-09-10             a        +100    earn      R1
 *  2  2025-09-15             b         +50    earn      R2
 *  3  2025-10-05             a        +200    earn      R1
 *  4  2025-11-01             b         −30    redeem           3.00
 *  5  2025-12-01             f         +40    earn      R3
 *  6  2025-12-20             a         −10    expire
 *  7  2026-01-10             a        +300    earn      R1            department=LedgerDept (roster says Sales)
 *  8  2026-01-20             b        +100    earn      R2
 *  9  2026-02-01             a        −150    redeem    GIFT1  12.50
 * 10  2026-02-05             d         +20    adjust                  department=Ops
 * 11  2026-02-06             c          −5    adjust
 * 12  2026-02-10             b         −25    transfer
 * 13  2026-02-10             e         +25    transfer
 * 14  2026-03-01             c         −40    deduct
 * 15  2026-03-15             b         −50    redeem                  (no cash value)
 * 16  2026-03-31 23:59:59    a         −20    expire
 * 17  2026-04-01 00:00:00    a        +999    earn      R1            (first instant after P: outside it)
 */
export const PROGRAM_ROWS: LedgerRow[] = [
  { at: '2025-09-10 09:00:00', account: 'a', points: 100, type: 'earn', rule: 'R1' },
  { at: '2025-09-15 09:00:00', account: 'b', points: 50, type: 'earn', rule: 'R2' },
  { at: '2025-10-05 09:00:00', account: 'a', points: 200, type: 'earn', rule: 'R1' },
  { at: '2025-11-01 09:00:00', account: 'b', points: -30, type: 'redeem', cash: 3 },
  { at: '2025-12-01 09:00:00', account: 'f', points: 40, type: 'earn', rule: 'R3' },
  { at: '2025-12-20 09:00:00', account: 'a', points: -10, type: 'expire' },
  {
    at: '2026-01-10 09:00:00',
    account: 'a',
    points: 300,
    type: 'earn',
    rule: 'R1',
    attrs: { department: 'LedgerDept' },
  },
  { at: '2026-01-20 09:00:00', account: 'b', points: 100, type: 'earn', rule: 'R2' },
  { at: '2026-02-01 09:00:00', account: 'a', points: -150, type: 'redeem', rule: 'GIFT1', cash: 12.5 },
  { at: '2026-02-05 09:00:00', account: 'd', points: 20, type: 'adjust', attrs: { department: 'Ops' } },
  { at: '2026-02-06 09:00:00', account: 'c', points: -5, type: 'adjust' },
  { at: '2026-02-10 09:00:00', account: 'b', points: -25, type: 'transfer' },
  { at: '2026-02-10 09:00:00', account: 'e', points: 25, type: 'transfer' },
  { at: '2026-03-01 09:00:00', account: 'c', points: -40, type: 'deduct' },
  { at: '2026-03-15 09:00:00', account: 'b', points: -50, type: 'redeem' },
  { at: '2026-03-31 23:59:59', account: 'a', points: -20, type: 'expire' },
  { at: '2026-04-01 00:00:00', account: 'a', points: 999, type: 'earn', rule: 'R1' },
];

export const P = { from: '2026-01-01', to: '2026-04-01' };
export const Q4 = { from: '2025-10-01', to: '2026-01-01' };

/** The ledger alone: the fairness population is active(P) = a, b, c, d, e. `path`: a database file instead of memory. */
export async function programDb(path?: string): Promise<Database> {
  const db = await openTestDb(path);
  await insertLedger(db, PROGRAM_ROWS);
  return db;
}

/**
 * The ledger plus a roster:
 *   a  joined 2024-01-01                     department=Sales   eligible
 *   b  joined 2025-01-01, left 2026-02-15    department=Ops     eligible (left during P)
 *   c  joined 2026-03-01                     department=Sales   eligible (joined during P)
 *   g  joined 2026-04-01                     department=Sales   not eligible (joined at `to`)
 *   h  joined 2024-01-01, left 2025-12-31    department=Ops     not eligible (left before P)
 *   i  joined 2025-06-01                     department=Ops     eligible, no rows at all (a zero)
 * d and e are active in P but not on the roster: counted in (not_on_roster = 2); f is neither.
 * Population: a 300, b 100, c 0, i 0, d 0, e 0.
 */
export async function programDbWithRoster(path?: string): Promise<Database> {
  const db = await programDb(path);
  await insertAccounts(db, [
    { account: 'a', joined: '2024-01-01', attrs: { department: 'Sales' } },
    { account: 'b', joined: '2025-01-01', left: '2026-02-15', attrs: { department: 'Ops' } },
    { account: 'c', joined: '2026-03-01', attrs: { department: 'Sales' } },
    { account: 'g', joined: '2026-04-01', attrs: { department: 'Sales' } },
    { account: 'h', joined: '2024-01-01', left: '2025-12-31', attrs: { department: 'Ops' } },
    { account: 'i', joined: '2025-06-01', attrs: { department: 'Ops' } },
  ]);
  await insertRules(db, [
    { rule: 'R1', name: 'Task done', tier: 'base' },
    { rule: 'R2', name: 'Stretch goal', tier: 'challenge' },
    { rule: 'R3', name: 'Award', tier: 'reward' },
    { rule: 'R4', name: 'Never used', tier: 'base' },
  ]);
  return db;
}
