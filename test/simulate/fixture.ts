import type { Database } from '../../src/db/database.ts';
import { insertLedger, openTestDb } from '../queries/fixture.ts';

export const PERIOD = { from: '2026-01-01', to: '2026-01-03' };

/**
 * Three accounts, no roster (the population is the active accounts). Earn rows in the period:
 *   a  01-01 09:00 R1 100 · 01-01 10:00 R1 150 · 01-01 11:00 R2 50 · 01-02 09:00 R1 80   → 380
 *   b  01-01 09:00 R2 30 (and a redemption of 20 at 12:00)                              →  30
 *   c  01-02 08:00 R1 200 (and 500 on 2025-12-31, before the period)                    → 200
 * Issued in the period: 380 + 30 + 200 = 610.
 */
export async function simulateDb(): Promise<Database> {
  const db = await openTestDb();
  await insertLedger(db, [
    { id: 'a1', at: '2026-01-01 09:00:00', account: 'a', points: 100, type: 'earn', rule: 'R1' },
    { id: 'a2', at: '2026-01-01 10:00:00', account: 'a', points: 150, type: 'earn', rule: 'R1' },
    { id: 'a3', at: '2026-01-01 11:00:00', account: 'a', points: 50, type: 'earn', rule: 'R2' },
    { id: 'a4', at: '2026-01-02 09:00:00', account: 'a', points: 80, type: 'earn', rule: 'R1' },
    { id: 'b1', at: '2026-01-01 09:00:00', account: 'b', points: 30, type: 'earn', rule: 'R2' },
    { id: 'b2', at: '2026-01-01 12:00:00', account: 'b', points: -20, type: 'redeem' },
    { id: 'c0', at: '2025-12-31 09:00:00', account: 'c', points: 500, type: 'earn', rule: 'R1' },
    { id: 'c1', at: '2026-01-02 08:00:00', account: 'c', points: 200, type: 'earn', rule: 'R1' },
  ]);
  return db;
}
