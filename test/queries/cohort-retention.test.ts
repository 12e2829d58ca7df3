import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertAccounts, insertLedger, openTestDb, runChecked } from './fixture.ts';
import { programDb } from './program-fixture.ts';

const cells = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [(r.cohort as Date).toISOString().slice(0, 7), r.k, r.cohort_size, r.active, r.share]);

describe('queries/cohort_retention.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDb();
  });
  afterAll(() => db.close());

  it('cohorts by first non-expire month, share active k months later (hand-worked)', async () => {
    const rows = await runChecked(db, 'cohort_retention', { from: '2025-09-01', to: '2026-04-01' });
    // First non-expire month: a, b Sep 2025; f Dec 2025; c, d, e Feb 2026.
    // Active months (non-expire rows): a Sep Oct Jan Feb; b Sep Nov Jan Feb Mar; f Dec; c Feb Mar; d Feb; e Feb.
    expect(cells(rows)).toEqual([
      ['2025-09', 0, 2, 2, 1],
      ['2025-09', 1, 2, 1, 0.5], // Oct: a
      ['2025-09', 2, 2, 1, 0.5], // Nov: b
      ['2025-09', 3, 2, 0, 0], // Dec: a only expired
      ['2025-09', 4, 2, 2, 1], // Jan
      ['2025-09', 5, 2, 2, 1], // Feb
      ['2025-09', 6, 2, 1, 0.5], // Mar: b (a's row 16 is an expiry)
      ['2025-12', 0, 1, 1, 1],
      ['2025-12', 1, 1, 0, 0],
      ['2025-12', 2, 1, 0, 0],
      ['2025-12', 3, 1, 0, 0],
      ['2026-02', 0, 3, 3, 1],
      ['2026-02', 1, 3, 1, 1 / 3], // Mar: c
    ]);
  });

  it('uses the roster joined_at as the cohort when given (k = 0 need not be 1)', async () => {
    const r = await openTestDb();
    await insertAccounts(r, [
      { account: 'j1', joined: '2026-01-20' },
      { account: 'j2', joined: '2026-01-03' },
    ]);
    await insertLedger(r, [
      { at: '2026-02-02 10:00:00', account: 'j1', points: 5, type: 'earn' },
      { at: '2026-01-05 10:00:00', account: 'j2', points: 5, type: 'earn' },
    ]);
    const rows = await runChecked(r, 'cohort_retention', { from: '2026-01-01', to: '2026-03-01' });
    expect(cells(rows)).toEqual([
      ['2026-01', 0, 2, 1, 0.5], // j2 active in January, j1 joined but first acts in February
      ['2026-01', 1, 2, 1, 0.5],
    ]);
    r.close();
  });
});
