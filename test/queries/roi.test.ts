import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { near, runChecked } from './fixture.ts';
import { P, programDb } from './program-fixture.ts';

describe('queries/roi.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDb();
  });
  afterAll(() => db.close());

  it('values redemptions at their cash value, else at points × point value', async () => {
    const [r] = await runChecked(db, 'roi', { ...P, point_value: 0.01, benefit: 10 });
    expect(r.redemptions).toBe(2); // rows 9 and 15
    expect(r.valued_by_cash).toBe(1); // row 9 carries 12.50; row 15 has no cash value
    const cost = 12.5 + 50 * 0.01; // 13.00
    near(r.cost, cost);
    near(r.benefit, 10);
    near(r.roi, (10 - cost) / cost);
  });

  it('without a benefit the ROI is null but the cost is known', async () => {
    const [r] = await runChecked(db, 'roi', { ...P, point_value: 0.01, benefit: null });
    near(r.cost, 13);
    expect(r.benefit).toBeNull();
    expect(r.roi).toBeNull();
  });

  it('a period with rows but no redemptions costs 0 (ROI null); an empty period has a null cost', async () => {
    const [some] = await runChecked(db, 'roi', { from: '2026-01-01', to: '2026-02-01', point_value: 0.01, benefit: 5 });
    near(some.cost, 0);
    expect(some.roi).toBeNull();
    const [none] = await runChecked(db, 'roi', { from: '2030-01-01', to: '2030-04-01', point_value: 0.01, benefit: 5 });
    expect(none.cost).toBeNull();
    expect(none.redemptions).toBe(0);
  });
});
