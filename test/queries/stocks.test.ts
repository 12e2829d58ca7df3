import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertLedger, near, openTestDb, runChecked } from './fixture.ts';
import { P, programDb } from './program-fixture.ts';

describe('queries/stocks.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDb();
  });
  afterAll(() => db.close());

  it('outstanding at the edges, liability and lifetime totals from the hand-worked fixture', async () => {
    const [r] = await runChecked(db, 'stocks', { ...P, point_value: 0.01 });
    const start = 100 + 50 + 200 - 30 + 40 - 10; // rows 1–6, every type counts: 350
    const end = start + (300 + 100 - 150 + 20 - 5 - 25 + 25 - 40 - 50 - 20); // + rows 7–16 = 505 (row 17 is at `to`)
    near(r.outstanding_start, start);
    near(r.outstanding, end);
    near(r.liability, end * 0.01);
    near(r.points_retention_rate, end / start);
    const issued = 100 + 50 + 200 + 40 + 300 + 100; // every earn row before `to`: 790
    near(r.issued_lifetime, issued);
    near(r.redeemed_lifetime, 30 + 150 + 50);
    near(r.expired_lifetime, 10 + 20);
    near(r.redemption_rate_lifetime, (30 + 150 + 50) / issued);
    near(r.breakage, (10 + 20) / issued);
  });

  it("reproduces the seeds' retention example: 10,000 at the start, 7,000 at the end → 70 %", async () => {
    const seed = await openTestDb();
    await insertLedger(seed, [
      { at: '2025-12-01 10:00:00', account: 'x', points: 10000, type: 'earn' },
      { at: '2026-02-01 10:00:00', account: 'x', points: -3000, type: 'redeem' },
    ]);
    const [r] = await runChecked(seed, 'stocks', { from: '2026-01-01', to: '2026-04-01', point_value: 0.01 });
    near(r.outstanding_start, 10000);
    near(r.outstanding, 7000);
    near(r.points_retention_rate, 7000 / 10000);
    seed.close();
  });

  it('a period before the ledger begins has no stocks (null), never 0', async () => {
    const [r] = await runChecked(db, 'stocks', { from: '2020-01-01', to: '2020-04-01', point_value: 0.01 });
    for (const k of Object.keys(r)) expect(r[k], k).toBeNull();
  });

  it('retention is null when the opening balance is not positive (negative balances)', async () => {
    const neg = await openTestDb();
    // A redemption before any earning leaves the program at −50 on Jan 1; +20 brings it to −30 by Apr 1.
    await insertLedger(neg, [
      { at: '2025-12-01 10:00:00', account: 'n1', points: -50, type: 'redeem' },
      { at: '2026-01-05 10:00:00', account: 'n1', points: 20, type: 'earn' },
    ]);
    const [r] = await runChecked(neg, 'stocks', { from: '2026-01-01', to: '2026-04-01', point_value: 0.5 });
    near(r.outstanding_start, -50);
    near(r.outstanding, -30);
    near(r.liability, -30 * 0.5);
    expect(r.points_retention_rate).toBeNull();
    near(r.redemption_rate_lifetime, 50 / 20); // lifetime ratios are still defined
    neg.close();
  });
});
