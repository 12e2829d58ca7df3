import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertLedger, openTestDb, runChecked } from './fixture.ts';
import { P, programDb } from './program-fixture.ts';

describe('queries/lorenz.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDb();
  });
  afterAll(() => db.close());

  it('gives every point (k/n, cumulative share) when n ≤ max_points', async () => {
    const rows = await runChecked(db, 'lorenz', { ...P, max_points: 100 });
    // Sorted issued 0 0 0 100 300, S = 400.
    expect(rows).toEqual([
      { k: 0, p: 0, l: 0 },
      { k: 1, p: 0.2, l: 0 },
      { k: 2, p: 0.4, l: 0 },
      { k: 3, p: 0.6, l: 0 },
      { k: 4, p: 0.8, l: 100 / 400 },
      { k: 5, p: 1, l: 1 },
    ]);
  });

  it('thins to every ⌈n / max_points⌉-th point, always keeping both ends', async () => {
    const rows = await runChecked(db, 'lorenz', { ...P, max_points: 2 });
    // step = ⌈5 / 2⌉ = 3: k = 0, 3, 5.
    expect(rows.map((r) => r.k)).toEqual([0, 3, 5]);
    expect(rows[1]).toEqual({ k: 3, p: 0.6, l: 0 });
  });

  it('matches the PySAL Lorenz curve of [1, 2, 3, 4, 5]', async () => {
    const five = await openTestDb();
    await insertLedger(five, [1, 2, 3, 4, 5].map((v, i) => ({ at: '2026-02-01 10:00:00', account: `l${i}`, points: v, type: 'earn' as const })));
    const rows = await runChecked(five, 'lorenz', { ...P, max_points: 200 });
    const expected = [0, 0.06666667, 0.2, 0.4, 0.66666667, 1]; // pysal/inequality test_wolfson.py (atol 1e-4 there)
    expect(rows.map((r) => r.l as number).map((l, i) => Math.abs(l - expected[i]) < 1e-8)).toEqual(expected.map(() => true));
    five.close();
  });

  it('is empty when nothing was issued (the curve is undefined)', async () => {
    expect(await runChecked(db, 'lorenz', { from: '2030-01-01', to: '2030-04-01', max_points: 10 })).toEqual([]);
    // 2025-12-15 .. 2026-01-01: a's expiry only; no active account, so no population at all.
    expect(await runChecked(db, 'lorenz', { from: '2025-12-15', to: '2026-01-01', max_points: 10 })).toEqual([]);
  });
});
