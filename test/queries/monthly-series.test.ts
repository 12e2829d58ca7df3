import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { runChecked } from './fixture.ts';
import { programDb } from './program-fixture.ts';

const month = (d: unknown) => (d as Date).toISOString().slice(0, 10);

describe('queries/monthly_series.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDb();
  });
  afterAll(() => db.close());

  it('flows per month and the stock at each month end (hand-worked from the fixture)', async () => {
    const rows = await runChecked(db, 'monthly_series', { from: '2025-11-01', to: '2026-04-01' });
    const opening = 100 + 50 + 200; // rows 1–3, before November
    expect(rows.map((r) => ({ ...r, month: month(r.month) }))).toEqual([
      { month: '2025-11-01', issued: 0, redeemed: 30, expired: 0, outstanding: opening - 30 }, // row 4
      { month: '2025-12-01', issued: 40, redeemed: 0, expired: 10, outstanding: opening - 30 + 40 - 10 }, // rows 5, 6
      { month: '2026-01-01', issued: 400, redeemed: 0, expired: 0, outstanding: 350 + 400 }, // rows 7, 8
      { month: '2026-02-01', issued: 0, redeemed: 150, expired: 0, outstanding: 750 - 150 + 20 - 5 - 25 + 25 }, // rows 9–13
      { month: '2026-03-01', issued: 0, redeemed: 50, expired: 20, outstanding: 615 - 40 - 50 - 20 }, // rows 14–16
    ]);
  });

  it('fills months without rows with zeros and cuts the last month at `to`', async () => {
    const rows = await runChecked(db, 'monthly_series', { from: '2025-08-15', to: '2025-10-15' });
    expect(rows.map((r) => ({ ...r, month: month(r.month) }))).toEqual([
      { month: '2025-08-01', issued: 0, redeemed: 0, expired: 0, outstanding: 0 }, // no row yet
      { month: '2025-09-01', issued: 150, redeemed: 0, expired: 0, outstanding: 150 }, // rows 1, 2
      { month: '2025-10-01', issued: 200, redeemed: 0, expired: 0, outstanding: 350 }, // row 3 (Oct 5 < Oct 15)
    ]);
  });
});
