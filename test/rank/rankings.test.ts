import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { UserError } from '../../src/errors.ts';
import { rankings } from '../../src/rank/rankings.ts';
import { RankResult } from '../../src/rank/schema.ts';
import { FEBRUARY, MARCH, rankDb } from './fixture.ts';

describe('rankings()', () => {
  let db: Database;
  beforeAll(async () => {
    db = await rankDb();
  });
  afterAll(() => db.close());

  it('month at a March day: periods, competition ranks, movement = previous rank − rank', async () => {
    const r = await rankings(db, { period: 'month', at: '2026-03-15' });
    expect(RankResult.parse(r)).toEqual(r);
    expect(r.period).toEqual(MARCH);
    expect(r.previous_period).toEqual(FEBRUARY);
    expect(r.tie_rule).toBe('competition');
    expect(r.top).toBe(10);
    expect(r.rows.map((x) => [x.account_id, x.rank, x.previous_rank, x.movement])).toEqual([
      ['a', 1, 4, 3], // 4 − 1: up three places
      ['b', 2, 1, -1],
      ['c', 2, 1, -1],
      ['d', 2, 5, 3],
      ['e', 5, 3, -2],
      ['f', 6, null, null], // newcomers have no movement
      ['h', 6, null, null],
    ]);
    expect(r.rows[0].share).toBeCloseTo(500 / 1600, 12);
    expect(r.concentration.top10_overlap_previous).toBe(5);
  });

  it('--by department: ranks and movement within the group, group kept in each row', async () => {
    const r = await rankings(db, { period: 'month', at: '2026-03-01', by: 'department', top: 1 });
    // top 1 per group; Ops has a tie at 1 (c and d), both listed
    expect(r.rows.map((x) => [x.group, x.account_id, x.rank, x.movement])).toEqual([
      ['Ops', 'c', 1, 0], // 1 in Ops in February too
      ['Ops', 'd', 1, 2], // 3rd in Ops in February
      ['Sales', 'a', 1, 1], // 2nd in Sales in February
      [null, 'h', 1, null],
    ]);
    expect(r.by).toBe('department');
  });

  it('default period: the latest complete month (the last row is on 2026-05-11, so April)', async () => {
    const r = await rankings(db, { period: 'month' });
    expect(r.period).toEqual({ from: '2026-04-01', to: '2026-05-01' });
    expect(r.rows).toEqual([]); // April has no rows
    expect(r.concentration.top10_share).toBeNull();
  });

  it('all time: no previous period, ranks over every earn row', async () => {
    const r = await rankings(db, { period: 'all', top: 1 });
    expect(r.period).toEqual({ from: '2026-02-02', to: '2026-05-12' });
    expect(r.previous_period).toBeNull();
    // a: 100 + 500 = 600, b: 300 + 300 = 600, c: 300 + 300 = 600 (d: 350, e: 300): a three-way tie at 1, all kept
    expect(r.rows.map((x) => [x.account_id, x.rank, x.issued])).toEqual([
      ['a', 1, 600],
      ['b', 1, 600],
      ['c', 1, 600],
    ]);
    expect(r.concentration.top10_overlap_previous).toBeNull();
  });

  it('an unknown attribute or a bad --top is a UserError (exit code 2)', async () => {
    await expect(rankings(db, { period: 'month', by: 'shoe_size' })).rejects.toMatchObject({
      code: 'unknown_attribute',
      exitCode: 2,
    });
    await expect(rankings(db, { period: 'month', top: 0 })).rejects.toBeInstanceOf(UserError);
  });
});
