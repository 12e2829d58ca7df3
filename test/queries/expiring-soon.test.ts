import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertLedger, openTestDb, runChecked } from './fixture.ts';

describe('queries/expiring_soon.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
    // expiry_months = 12, at = 2026-04-01: horizons end 2026-05-01 (30 d), 2026-05-31 (60 d), 2026-06-30 (90 d).
    await insertLedger(db, [
      // x: lots 100 (expires 2026-03-15, past), 50 (04-20), 70 (05-20), 30 (06-25), 10 (08-01); 120 redeemed.
      { at: '2025-03-15 10:00:00', account: 'x', points: 100, type: 'earn' },
      { at: '2025-04-20 10:00:00', account: 'x', points: 50, type: 'earn' },
      { at: '2025-05-20 10:00:00', account: 'x', points: 70, type: 'earn' },
      { at: '2025-06-25 10:00:00', account: 'x', points: 30, type: 'earn' },
      { at: '2025-08-01 10:00:00', account: 'x', points: 10, type: 'earn' },
      { at: '2026-01-10 10:00:00', account: 'x', points: -120, type: 'redeem' },
      { at: '2026-04-01 00:00:00', account: 'x', points: 500, type: 'earn' }, // at `at`: not yet earned
      // y: one lot of 40, expired 2026-03-01 but never written off.
      { at: '2025-03-01 10:00:00', account: 'y', points: 40, type: 'earn' },
      // z: 20 earned, 30 deducted: a negative balance has nothing left to expire.
      { at: '2025-04-10 10:00:00', account: 'z', points: 20, type: 'earn' },
      { at: '2025-12-01 10:00:00', account: 'z', points: -30, type: 'deduct' },
    ]);
  });
  afterAll(() => db.close());

  it('consumes the oldest lots first and counts what is left of the lots expiring within each horizon', async () => {
    const rows = await runChecked(db, 'expiring_soon', { at: '2026-04-01', expiry_months: 12 });
    // x: debits 120 eat the 100 lot and 20 of the 50 lot. Left: 30 (30 d), +70 (60 d), +30 (90 d).
    // y: 40 past expiry, so in every horizon. z: max(0, 20 − 30) = 0.
    expect(rows).toEqual([
      { horizon_days: 0, points: 0 + 40, accounts: 1 },
      { horizon_days: 30, points: 30 + 40, accounts: 2 },
      { horizon_days: 60, points: 100 + 40, accounts: 2 },
      { horizon_days: 90, points: 130 + 40, accounts: 2 },
    ]);
  });

  it('gives four zero rows when nothing is outstanding', async () => {
    const rows = await runChecked(db, 'expiring_soon', { at: '2025-01-01', expiry_months: 12 });
    expect(rows).toEqual([0, 30, 60, 90].map((h) => ({ horizon_days: h, points: 0, accounts: 0 })));
  });
});
