import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { buildReport } from '../../src/report/build.ts';
import { insertAccounts, insertLedger, openTestDb } from '../queries/fixture.ts';

describe('report --filter (bound scope params, queries/views/35_scope.sql)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
    await insertAccounts(db, [
      { account: 'a', attrs: { department: 'Sales' } },
      { account: 'b', attrs: { department: 'Sales' } },
      { account: 'c', attrs: { department: 'Ops' } },
    ]);
    await insertLedger(db, [
      { at: '2026-01-05 10:00:00', account: 'a', points: 100, type: 'earn' },
      { at: '2026-02-05 10:00:00', account: 'b', points: 300, type: 'earn' },
      { at: '2026-02-06 10:00:00', account: 'b', points: -50, type: 'redeem' },
      { at: '2026-03-05 10:00:00', account: 'c', points: 1000, type: 'earn' },
    ]);
  });
  afterAll(() => db.close());

  it('narrows every number to the accounts of one group and equals that group in --by', async () => {
    const sales = await buildReport(db, {
      period: { quarter: '2026Q1' },
      filter: { attribute: 'department', value: 'Sales' },
    });
    expect(sales.filter).toEqual({ attribute: 'department', value: 'Sales' });
    expect(sales.population.n).toBe(2); // a and b from the roster
    expect(sales.issued).toBe(400); // 100 + 300; c's 1000 is out
    expect(sales.redeemed).toBe(50);
    expect(sales.redemption_rate).toBe(50 / 400);
    // Gini of (100, 300): mean absolute difference 200 over pairs (i≠j) ... 2·|100−300| / (2·2²·200) = 0.25
    expect(sales.gini).toBeCloseTo(0.25, 12);
    const all = await buildReport(db, { period: { quarter: '2026Q1' }, by: 'department' });
    const group = all.by!.groups.find((g) => g.value === 'Sales')!;
    expect(group.n).toBe(sales.population.n);
    expect(group.total_issued).toBe(sales.issued);
    expect(group.gini).toBeCloseTo(sales.gini!, 12);
  });

  it('reports with different filters run at once on connections of one instance, each as it would alone', async () => {
    const sales = { attribute: 'department', value: 'Sales' };
    const ops = { attribute: 'department', value: 'Ops' };
    const alone = [
      await buildReport(db, { period: { quarter: '2026Q1' }, filter: sales }),
      await buildReport(db, { period: { quarter: '2026Q1' }, filter: ops }),
      await buildReport(db, { period: { quarter: '2026Q1' } }),
    ];
    const conns = await Promise.all([db.fork(), db.fork(), db.fork()]);
    try {
      const together = await Promise.all([
        buildReport(conns[0], { period: { quarter: '2026Q1' }, filter: sales }),
        buildReport(conns[1], { period: { quarter: '2026Q1' }, filter: ops }),
        buildReport(conns[2], { period: { quarter: '2026Q1' } }),
      ]);
      expect(together).toEqual(alone);
      expect(together.map((r) => r.issued)).toEqual([400, 1000, 1400]);
    } finally {
      for (const c of conns) c.close();
    }
    // Closing a connection leaves the instance open.
    expect((await buildReport(db, { period: { quarter: '2026Q1' } })).issued).toBe(1400);
  });

  it('refuses a value no account has, naming it', async () => {
    await expect(
      buildReport(db, { period: { quarter: '2026Q1' }, filter: { attribute: 'department', value: 'Nowhere' } }),
    ).rejects.toMatchObject({
      code: 'unknown_filter_value',
      message: expect.stringContaining('department=Nowhere'),
    });
  });

  it('refuses a value holding a NUL as one no account has, not as a broken statement', async () => {
    await expect(
      buildReport(db, { period: { quarter: '2026Q1' }, filter: { attribute: 'department', value: 'a\u0000b' } }),
    ).rejects.toMatchObject({ code: 'unknown_filter_value' });
  });
});
