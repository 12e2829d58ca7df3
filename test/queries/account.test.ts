import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertRows, openDb } from '../audit/fixture.ts';
import { MARCH, rankDb } from '../rank/fixture.ts';
import { near, runChecked } from './fixture.ts';

describe('the account page queries on the ranking fixture', () => {
  let db: Database;
  beforeAll(async () => {
    db = await rankDb();
  });
  afterAll(() => db.close());
  const none = { scope_attribute: null, scope_value: null };

  it('account_rank ranks as rank_period does: ties share a rank, the share is of all issued', async () => {
    const [a] = await runChecked(db, 'account_rank', { ...MARCH, account_id: 'a', ...none });
    expect(a).toMatchObject({ rank: 1, ranked: 7 });
    near(a.share, 500 / 1600);
    expect((await runChecked(db, 'account_rank', { ...MARCH, account_id: 'd', ...none }))[0].rank).toBe(2);
    expect((await runChecked(db, 'account_rank', { ...MARCH, account_id: 'e', ...none }))[0].rank).toBe(5);
    // g only has a deduct row: in the population, never ranked.
    expect(await runChecked(db, 'account_rank', { ...MARCH, account_id: 'g', ...none })).toEqual([]);
    // Within the Ops department: c and d tie first, e third.
    const ops = { scope_attribute: 'department', scope_value: 'Ops' };
    expect((await runChecked(db, 'account_rank', { ...MARCH, account_id: 'e', ...ops }))[0]).toMatchObject({
      rank: 3,
      ranked: 3,
    });
  });

  it('account_monthly sums points in and out per month; account_summary counts rows', async () => {
    expect(await runChecked(db, 'account_monthly', { account_id: 'a' })).toEqual([
      { month: '2026-02', points_in: 100, points_out: 0, n: 1 },
      { month: '2026-03', points_in: 500, points_out: 0, n: 2 },
    ]);
    expect(await runChecked(db, 'account_monthly', { account_id: 'f' })).toEqual([
      { month: '2026-02', points_in: 0, points_out: 40, n: 1 },
      { month: '2026-03', points_in: 50, points_out: 0, n: 1 },
    ]);
    expect(await runChecked(db, 'account_summary', { account_id: 'a' })).toEqual([
      { rows: 3, first_day: '2026-02-05', last_day: '2026-03-03', department: 'Sales', known: true },
    ]);
    expect(await runChecked(db, 'account_summary', { account_id: 'nobody' })).toEqual([
      { rows: 0, first_day: null, last_day: null, department: null, known: false },
    ]);
  });
});

describe('queries/account_counterparts.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    // G approves 76 % of its awards' points to R, the rest to S and T; G also gives R a transfer; R approves G once.
    const award = (account: string, points: number, day: number) => ({
      at: `2026-03-${String(day).padStart(2, '0')} 10:00:00`,
      account,
      points,
      approver: 'G',
    });
    await insertRows(db, [
      award('R', 300, 2),
      award('R', 460, 3),
      award('S', 140, 4),
      award('T', 100, 5),
      award('G', 999, 6), // self-approval: not a movement to someone else
      { at: '2026-03-07 10:00:00', account: 'G', points: 50, approver: 'R' },
      { at: '2026-03-08 10:00:00', account: 'G', points: -30, type: 'transfer', counterparty: 'R' },
      { at: '2026-03-08 10:00:00', account: 'R', points: 30, type: 'transfer', counterparty: 'G' },
      { at: '2026-04-02 10:00:00', account: 'S', points: 5000, approver: 'G' }, // outside the period
    ]);
  });
  afterAll(() => db.close());
  const P = { from: '2026-03-01', to: '2026-04-01' };

  it('lists the top receivers and givers with the share of each side, as the concentration check counts them', async () => {
    const rows = await runChecked(db, 'account_counterparts', { account_id: 'G', ...P, top: 10 });
    expect(rows.map((r) => [r.direction, r.kind, r.counterparty_id, r.points, r.n])).toEqual([
      ['out', 'approved', 'R', 760, 2],
      ['out', 'approved', 'S', 140, 1],
      ['out', 'approved', 'T', 100, 1],
      ['out', 'transferred', 'R', 30, 1],
      ['in', 'approved', 'R', 50, 1],
    ]);
    near(rows[0].share, 0.76);
    near(rows[3].share, 1);
    const top1 = await runChecked(db, 'account_counterparts', { account_id: 'G', ...P, top: 1 });
    expect(top1.map((r) => r.counterparty_id)).toEqual(['R', 'R', 'R']);
    near(top1[0].share, 0.76); // the share stays of the whole side, not of the rows shown
    const r = await runChecked(db, 'account_counterparts', { account_id: 'R', ...P, top: 10 });
    expect(r.map((x) => [x.direction, x.kind, x.counterparty_id, x.points])).toEqual([
      ['out', 'approved', 'G', 50],
      ['in', 'approved', 'G', 760],
      ['in', 'transferred', 'G', 30],
    ]);
  });
});
