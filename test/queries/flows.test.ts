import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertLedger, near, openTestDb, runChecked } from './fixture.ts';
import { P, programDb } from './program-fixture.ts';

describe('queries/flows.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDb();
  });
  afterAll(() => db.close());

  it('sums each kind of movement in [from, to) from the hand-worked fixture', async () => {
    const [r] = await runChecked(db, 'flows', P);
    expect(r.rows).toBe(10); // rows 7..16; row 17 sits exactly at `to` and is outside
    near(r.issued, 300 + 100); // earn rows 7, 8
    near(r.deducted, 40); // row 14
    near(r.redeemed, 150 + 50); // rows 9, 15
    near(r.expired, 20); // row 16 (23:59:59 on the last day is inside)
    near(r.adjusted_in, 20); // row 10
    near(r.adjusted_out, 5); // row 11
    near(r.transferred, 25); // row 13 (received side only)
    expect(r.active).toBe(5); // a b c d e: every account with a non-expire row
    expect(r.earners).toBe(2); // a b
    near(r.months, 3);
    near(r.acquisition_rate, 400 / 5 / 3);
    near(r.redemption_rate, 200 / 400);
    near(r.inflation_ratio, 400 / (200 + 20));
  });

  it('an empty period gives nulls, not zeros', async () => {
    const [r] = await runChecked(db, 'flows', { from: '2030-01-01', to: '2030-04-01' });
    expect(r.rows).toBe(0);
    for (const k of [
      'issued',
      'deducted',
      'redeemed',
      'expired',
      'adjusted_in',
      'adjusted_out',
      'transferred',
      'acquisition_rate',
      'redemption_rate',
      'inflation_ratio',
    ]) {
      expect(r[k], k).toBeNull();
    }
    expect(r.active).toBe(0);
  });

  it('an account whose only row is an expiry is not active', async () => {
    const [r] = await runChecked(db, 'flows', { from: '2025-12-15', to: '2026-01-01' });
    expect(r.rows).toBe(1); // row 6
    expect(r.active).toBe(0);
    near(r.issued, 0); // rows exist, none of them earn: 0, not null
    expect(r.acquisition_rate).toBeNull(); // no active accounts
    expect(r.inflation_ratio).toBe(0); // 0 / (0 + 10)
  });

  it("reproduces the seeds' example: 5,000 points to 10 people in one month → 500", async () => {
    const seed = await openTestDb();
    // 10 people earn 500 each in January 2026: 10 × 500 = 5,000 issued.
    await insertLedger(
      seed,
      Array.from({ length: 10 }, (_, i) => ({
        at: `2026-01-${String(i + 10)} 10:00:00`,
        account: `p${i}`,
        points: 500,
        type: 'earn' as const,
      })),
    );
    const [r] = await runChecked(seed, 'flows', { from: '2026-01-01', to: '2026-02-01' });
    near(r.months, 1);
    near(r.acquisition_rate, 5000 / 10 / 1);
    seed.close();
  });

  it('months(P) is days / 30.4375 for a range that is not month-aligned', async () => {
    const [r] = await runChecked(db, 'flows', { from: '2026-01-01', to: '2026-01-16' });
    near(r.months, 15 / 30.4375);
    // Only row 7 (a, +300 on Jan 10) falls in [Jan 1, Jan 16): one active account.
    expect(r.active).toBe(1);
    near(r.acquisition_rate, 300 / 1 / (15 / 30.4375));
  });
});
