import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { simulate } from '../../src/simulate/run.ts';
import type { Scenario } from '../../src/simulate/schema.ts';
import { PERIOD, simulateDb } from './fixture.ts';

const config = defaultConfig(); // point_value 0.01
const byAccount = (r: Awaited<ReturnType<typeof simulate>>) =>
  Object.fromEntries(r.most_affected.map((a) => [a.account_id, a.simulated]));

describe('simulate on a hand-checked ledger', () => {
  let db: Database;
  const sim = (scenario: Scenario) => simulate(db, { period: PERIOD, scenario, config });
  beforeAll(async () => {
    db = await simulateDb();
  });
  afterAll(() => db.close());

  it('reports what happened: issued 610, cost 6.10, Gini and top-10 % share of [30, 200, 380]', async () => {
    const r = await sim({ kind: 'cap', cap: 1000, rule: null });
    expect(r.actual.issued).toBe(610);
    expect(r.actual.cost).toBeCloseTo(6.1, 12);
    // Gini: Σ(2i − n − 1)x = −2·30 + 0·200 + 2·380 = 700; / (n S) = 700 / (3 · 610).
    expect(r.actual.gini).toBeCloseTo(700 / 1830, 14);
    // ⌈0.1 · 3⌉ = 1 largest value: 380 / 610.
    expect(r.actual.top10_share).toBeCloseTo(380 / 610, 14);
    expect(r.population.n).toBe(3);
    expect(r.note).toMatch(/behaviour would change under a new rule/);
    expect(r.note_key).toBe('simulate.counterfactual_note');
  });

  it('a cap that no account reaches changes nothing', async () => {
    // The largest account-day is a on 01-01: 100 + 150 + 50 = 300.
    const r = await sim({ kind: 'cap', cap: 300, rule: null });
    expect(r.simulated).toEqual(r.actual);
    expect(r.accounts_affected).toBe(0);
    expect(r.rows_changed).toBe(0);
    expect(r.most_affected).toEqual([]);
  });

  it('a multiplier of 1 changes nothing', async () => {
    const r = await sim({ kind: 'multiplier', rule: 'R1', multiplier: 1 });
    expect(r.simulated).toEqual(r.actual);
    expect(r.accounts_affected).toBe(0);
  });

  it('an overall daily cap cuts the row that crosses it to the remainder and later rows to 0', async () => {
    // a on 01-01 under 200: 100 (running 100), 150 → 100 (running 200), 50 → 0; 01-02: 80. a = 100 + 100 + 0 + 80 = 280.
    // c's 200 on 01-02 is exactly the cap: unchanged. Issued 280 + 30 + 200 = 510.
    const r = await sim({ kind: 'cap', cap: 200, rule: null });
    expect(r.simulated.issued).toBe(510);
    expect(r.difference.issued).toBe(-100);
    expect(r.simulated.cost).toBeCloseTo(5.1, 12);
    expect(r.accounts_affected).toBe(1);
    expect(r.rows_changed).toBe(2);
    expect(r.most_affected).toEqual([{ account_id: 'a', actual: 380, simulated: 280 }]);
    // [30, 200, 280]: (−2·30 + 2·280) / (3 · 510) = 500 / 1530.
    expect(r.simulated.gini).toBeCloseTo(500 / 1530, 14);
  });

  it("a cap on one rule counts and cuts only that rule's rows", async () => {
    // R1 on a's 01-01: 100, 150 → 100; the R2 row of 50 is untouched. a = 100 + 100 + 50 + 80 = 330.
    const r = await sim({ kind: 'cap', cap: 200, rule: 'R1' });
    expect(byAccount(r)).toEqual({ a: 330 });
    expect(r.simulated.issued).toBe(560);
  });

  it("a multiplier scales the rule's earn rows, rounded to cents", async () => {
    // R2 × 1.333: a's 50 → 66.65, b's 30 → 39.99. Issued 610 + 16.65 + 9.99 = 636.64.
    const r = await sim({ kind: 'multiplier', rule: 'R2', multiplier: 1.333 });
    expect(byAccount(r)).toEqual({ a: 396.65, b: 39.99 });
    expect(r.simulated.issued).toBe(636.64);
    expect(r.most_affected.map((x) => x.account_id)).toEqual(['a', 'b']); // ordered by the size of the change
  });

  it('a rule switched off pays nothing; the account stays in the population with 0', async () => {
    // Without R1: a 50, b 30, c 0. Gini of [0, 30, 50]: (−2·0 + 0·30 + 2·50) / (3 · 80) = 100 / 240; top-10 %: 50 / 80.
    const r = await sim({ kind: 'disable', rule: 'R1' });
    expect(r.simulated.issued).toBe(80);
    expect(r.simulated.gini).toBeCloseTo(100 / 240, 14);
    expect(r.simulated.top10_share).toBeCloseTo(50 / 80, 14);
    expect(r.population.n).toBe(3);
    expect(r.accounts_affected).toBe(2);
    expect(r.simulated.lorenz.at(-1)).toEqual({ p: 1, l: 1 });
  });

  it('an unknown rule is a UserError that lists the known rules', async () => {
    await expect(sim({ kind: 'disable', rule: 'R9' })).rejects.toMatchObject({
      code: 'unknown_rule',
      exitCode: 2,
      hint: expect.stringContaining('R1, R2'),
    });
  });
});
