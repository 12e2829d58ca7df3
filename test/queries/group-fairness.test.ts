import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertLedger, near, openTestDb, runChecked } from './fixture.ts';
import { P, programDbWithRoster } from './program-fixture.ts';

const band = { min_group_size: 3, low: 0.8, high: 1.25 };

describe('queries/group_fairness.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDbWithRoster();
  });
  afterAll(() => db.close());

  // Population (programDbWithRoster): a 300 Sales, c 0 Sales, b 100 Ops, i 0 Ops (roster),
  // d 0 Ops (from its ledger row; not on the roster), e 0 without a department. S = 400, n = 6, μ = 400/6.
  const mu = 400 / 6;

  it('groups by a department value, marks small groups and the band, keeps the group without a value', async () => {
    const rows = await runChecked(db, 'group_fairness', { ...P, attribute: 'department', reference: null, ...band });
    expect(rows.map((r) => [r.value, r.n])).toEqual([
      ['Ops', 3],
      ['Sales', 2],
      [null, 1],
    ]);
    const [ops, sales, none] = rows;
    near(sales.total, 300);
    near(sales.mean_issued, 150);
    near(sales.disparity, 150 / mu); // 2.25
    near(sales.gini, ((2 * 2 - 3) * 300) / (2 * 300)); // sorted 0, 300
    near(sales.theil_group, ((300 / 150) * Math.log(300 / 150)) / 2); // ln 2
    expect(sales.small).toBe(true); // 2 < 3
    expect(sales.outside_band).toBe(true);
    near(ops.mean_issued, 100 / 3);
    near(ops.sd_issued, Math.sqrt(((100 - 100 / 3) ** 2 + 2 * (100 / 3) ** 2) / 2));
    near(ops.gini, ((2 * 3 - 4) * 100) / (3 * 100)); // sorted 0, 0, 100
    near(ops.disparity, 100 / 3 / mu); // 0.5
    expect(ops.small).toBe(false);
    expect(ops.outside_band).toBe(true);
    expect(none.value).toBeNull();
    near(none.mean_issued, 0);
    expect(none.gini).toBeNull(); // nothing issued in the group
    expect(none.theil_group).toBeNull();
    near(none.disparity, 0);
    expect(none.small).toBe(true);
    for (const r of rows) expect(r.is_reference).toBe(false);
  });

  it('decomposes Theil T into between and within parts (same numbers on every row)', async () => {
    const rows = await runChecked(db, 'group_fairness', { ...P, attribute: 'department', reference: null, ...band });
    const t = ((300 / mu) * Math.log(300 / mu) + (100 / mu) * Math.log(100 / mu)) / 6;
    const between = (300 / 400) * Math.log(150 / mu) + (100 / 400) * Math.log(100 / 3 / mu); // the null group has S_g = 0
    for (const r of rows) {
      near(r.theil, t);
      near(r.theil_between, between);
      near(r.theil_within, t - between);
      near(r.theil_between_share, between / t);
    }
  });

  it('compares with a chosen reference group', async () => {
    const rows = await runChecked(db, 'group_fairness', { ...P, attribute: 'department', reference: 'Sales', ...band });
    const byValue = new Map(rows.map((r) => [r.value, r]));
    near(byValue.get('Sales')?.disparity, 1);
    expect(byValue.get('Sales')?.is_reference).toBe(true);
    near(byValue.get('Ops')?.disparity, 100 / 3 / 150);
    expect(byValue.get('Ops')?.is_reference).toBe(false);
  });

  it('an attribute nobody has puts everyone in the null group, which is kept', async () => {
    const rows = await runChecked(db, 'group_fairness', {
      ...P,
      attribute: 'no_such_attribute',
      reference: null,
      ...band,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].value).toBeNull();
    expect(rows[0].n).toBe(6);
    near(rows[0].disparity, 1);
    near(rows[0].theil_between, 0);
  });

  it('a group of one is marked small and still listed', async () => {
    const one = await openTestDb();
    await insertLedger(one, [
      ...Array.from({ length: 4 }, (_, i) => ({
        at: '2026-02-01 10:00:00',
        account: `m${i}`,
        points: 10 * (i + 1),
        type: 'earn' as const,
        attrs: { region: 'north' },
      })),
      { at: '2026-02-01 10:00:00', account: 'lonely', points: 70, type: 'earn', attrs: { region: 'south' } },
    ]);
    const rows = await runChecked(one, 'group_fairness', {
      ...P,
      attribute: 'region',
      reference: null,
      min_group_size: 2,
      low: 0.8,
      high: 1.25,
    });
    const south = rows.find((r) => r.value === 'south');
    expect(south?.n).toBe(1);
    expect(south?.small).toBe(true);
    expect(south?.sd_issued).toBeNull();
    near(south?.gini, 0);
    near(south?.disparity, 70 / ((10 + 20 + 30 + 40 + 70) / 5));
    one.close();
  });

  it('an empty period: eligible roster accounts are all zeros (statistics null); without a roster, no groups', async () => {
    const empty = { from: '2030-01-01', to: '2030-04-01', attribute: 'department', reference: null, ...band };
    const rows = await runChecked(db, 'group_fairness', empty);
    // Still on the roster in 2030: a, c, g (Sales), i (Ops) — b and h left.
    expect(rows.map((r) => [r.value, r.n])).toEqual([
      ['Sales', 3],
      ['Ops', 1],
    ]);
    for (const r of rows) {
      near(r.mean_issued, 0);
      expect(r.disparity).toBeNull(); // the reference mean is 0
      expect(r.gini).toBeNull();
      expect(r.theil).toBeNull();
      expect(r.theil_between_share).toBeNull();
    }
    const plain = await openTestDb();
    await insertLedger(plain, [{ at: '2026-02-01 10:00:00', account: 'p', points: 1, type: 'earn' }]);
    expect(await runChecked(plain, 'group_fairness', empty)).toEqual([]);
    plain.close();
  });
});
