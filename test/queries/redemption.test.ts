import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { loadEconomicsTables } from '../../src/db/economics-tables.ts';
import { BUDGET, economicsDb, ITEMS, P, POINT_VALUE } from '../economics/fixture.ts';
import { near, runChecked } from './fixture.ts';

const V = { ...P, point_value: POINT_VALUE };

describe('queries/redemption_*.sql (fixture: test/economics/fixture.ts)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await economicsDb();
    await loadEconomicsTables(db, ITEMS, BUDGET);
  });
  afterAll(() => db.close());

  it('redemption_totals: points, accounts, cost by cash value else points × point value, per active participant', async () => {
    const [t] = await runChecked(db, 'redemption_totals', V);
    expect(t.rows).toBe(7); // r3 … r9
    expect(t.redemptions).toBe(5); // r3 r4 r6 r7 r9
    near(t.points, 900); // 100 + 200 + 200 + 300 + 100
    expect(t.accounts).toBe(3); // a b c
    near(t.cost, 10.5); // 1.00 + 2.00 + 2.50 + 4.00 + 1.00
    expect(t.valued_by_cash).toBe(3); // r3 r6 r7
    expect(t.active).toBe(3); // a b c; d only expired
    near(t.cost_per_active, 10.5 / 3);
    near(t.cost_per_redemption, 10.5 / 5);
  });

  it('redemption_totals: an empty period has null points and cost', async () => {
    const [t] = await runChecked(db, 'redemption_totals', {
      from: '2030-01-01',
      to: '2030-02-01',
      point_value: POINT_VALUE,
    });
    expect(t.rows).toBe(0);
    expect(t.points).toBeNull();
    expect(t.cost).toBeNull();
    expect(t.cost_per_active).toBeNull();
  });

  it('redemption_categories: the row category, else the catalogue one; unknown last', async () => {
    const rows = await runChecked(db, 'redemption_categories', V);
    expect(rows.map((r) => [r.category, r.redemptions, r.points, r.accounts])).toEqual([
      ['Home', 3, 500, 2], // r3 r4 (catalogue) r6; accounts a b
      ['Cards', 1, 300, 1],
      [null, 1, 100, 1], // r9: no category, no item
    ]);
    near(rows[0].cost, 5.5); // 1.00 + 2.00 + 2.50
    near(rows[0].cost_share, 5.5 / 10.5);
    near(rows[2].cost_share, 1 / 10.5);
  });

  it('redemption_items: per item with catalogue names; items nobody redeemed listed last with 0', async () => {
    const rows = await runChecked(db, 'redemption_items', V);
    expect(rows.map((r) => [r.item_id, r.name, r.category, r.in_catalog, r.redemptions, r.points, r.accounts])).toEqual(
      [
        ['G2', 'Gift two', 'Home', true, 2, 400, 2],
        ['G1', 'Gift one', 'Home', true, 1, 100, 1],
        ['X9', null, 'Cards', false, 1, 300, 1],
        [null, null, null, false, 1, 100, 1],
        ['G3', 'Gadget', 'Tech', true, 0, 0, 0],
      ],
    );
    near(rows[0].cost, 4.5); // 2.00 (200 × 0.01) + 2.50
    near(rows[4].catalog_cash_value, 12);
    near(rows[4].cost, 0);
  });

  it('redemption_monthly: redeemed over the stock at each month start', async () => {
    const rows = await runChecked(db, 'redemption_monthly', V);
    expect(rows.map((r) => (r.month as Date).toISOString().slice(0, 7))).toEqual(['2026-01', '2026-02']);
    near(rows[0].redeemed, 300); // r3 + r4
    near(rows[0].outstanding_start, 1500); // r1 + r2
    near(rows[0].share_of_outstanding, 300 / 1500);
    near(rows[0].cost, 3);
    near(rows[1].outstanding_start, 1500); // 1500 − 100 − 200 + 300
    near(rows[1].redeemed, 600); // r6 + r7 + r9
    near(rows[1].share_of_outstanding, 600 / 1500);
    near(rows[1].cost, 7.5); // 2.50 + 4.00 + 1.00
    expect(rows[1].redemptions).toBe(3);
  });

  it('redemption_monthly: before the ledger begins the stock is unknown (null), not 0', async () => {
    const rows = await runChecked(db, 'redemption_monthly', {
      from: '2025-11-01',
      to: '2026-01-01',
      point_value: POINT_VALUE,
    });
    expect(rows).toHaveLength(2);
    expect(rows[0].outstanding_start).toBeNull(); // nothing before November
    expect(rows[1].outstanding_start).toBeNull(); // nothing before December either
    expect(rows[1].share_of_outstanding).toBeNull();
    near(rows[1].redeemed, 0);
  });

  it('redemption_budget: each line in its own period; the over-spent line is marked', async () => {
    const rows = await runChecked(db, 'redemption_budget', { point_value: POINT_VALUE });
    expect(rows.map((r) => [r.line, r.redemptions, r.over])).toEqual([
      ['L1 Home H1', 4, true],
      ['L2 G2', 2, false],
      ['L3 January', 2, false],
      ['L4 none', 0, false],
    ]);
    near(rows[0].spent, 6.5); // r3 + r4 + r6 + r10 = 1.00 + 2.00 + 2.50 + 1.00
    near(rows[0].remaining, -0.5);
    near(rows[0].used_share, 6.5 / 6);
    near(rows[1].spent, 4.5);
    expect(rows[2].spent).toBe(3); // exactly the amount: not over
    near(rows[3].spent, 0);
    expect(rows[3].used_share).toBeNull(); // amount 0
  });
});
