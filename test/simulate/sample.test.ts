import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { storedConfig } from '../../src/config.ts';
import { distribution } from '../../src/report/queries-fairness.ts';
import { simulate } from '../../src/simulate/run.ts';
import type { Scenario } from '../../src/simulate/schema.ts';
import { sampleDb } from '../experiments/sample-fixture.ts';
import { sqlRows } from '../../src/db/sql.ts';

const PERIOD = { from: '2026-04-01', to: '2026-07-01' };

describe('simulate on the sample ledger', () => {
  let db: Database;
  const sim = async (scenario: Scenario) => simulate(db, { period: PERIOD, scenario, config: await storedConfig(db) });
  beforeAll(async () => {
    db = await sampleDb();
  });
  afterAll(() => db.close());

  it("'actual' is the report's issued, Gini and top-10 % share for the same period (roster population)", async () => {
    const r = await sim({ kind: 'multiplier', rule: 'R02', multiplier: 1 });
    const d = await distribution(db, { ...PERIOD, max_points: 200 });
    const [flows] = await sqlRows<{ issued: number }>(
      db,
      `SELECT sum(points)::DOUBLE AS issued FROM ledger WHERE event_type = 'earn' AND occurred_at >= '2026-04-01' AND occurred_at < '2026-07-01'`,
    );
    expect(r.actual.issued).toBe(flows!.issued);
    expect(r.population.n).toBe(d.n);
    expect(r.actual.gini).toBeCloseTo(d.gini!, 12);
    expect(r.actual.top10_share).toBeCloseTo(d.top10_share!, 12);
    expect(r.actual.cost).toBeCloseTo(flows!.issued * 0.01, 9); // program.json: point_value 0.01
    expect(r.simulated).toEqual(r.actual);
    expect(r.actual.lorenz.length).toBeLessThanOrEqual(202);
  });

  it('a cap above the largest account-day changes nothing', async () => {
    const [max] = await sqlRows<{ m: number }>(
      db,
      `SELECT max(s)::DOUBLE AS m FROM (SELECT sum(points) AS s FROM ledger WHERE event_type = 'earn' AND occurred_at >= '2026-04-01' AND occurred_at < '2026-07-01' GROUP BY account_id, occurred_at::DATE)`,
    );
    const r = await sim({ kind: 'cap', cap: max!.m, rule: null });
    expect(r.accounts_affected).toBe(0);
    expect(r.simulated).toEqual(r.actual);
    const below = await sim({ kind: 'cap', cap: max!.m - 1, rule: null });
    expect(below.accounts_affected).toBeGreaterThanOrEqual(1);
    expect(below.difference.issued).toBeLessThan(0);
  });

  it('switching R02 off removes exactly its earn points of the period', async () => {
    const [r02] = await sqlRows<{ p: number; a: number }>(
      db,
      `SELECT sum(points)::DOUBLE AS p, count(DISTINCT account_id)::INTEGER AS a FROM ledger WHERE event_type = 'earn' AND rule_id = 'R02' AND occurred_at >= '2026-04-01' AND occurred_at < '2026-07-01'`,
    );
    const r = await sim({ kind: 'disable', rule: 'R02' });
    expect(r.difference.issued).toBeCloseTo(-r02!.p, 6);
    expect(r.accounts_affected).toBe(r02!.a);
    expect(r.most_affected.length).toBe(10);
  });
});
