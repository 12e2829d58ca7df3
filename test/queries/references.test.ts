import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { loadMexico, YEARS } from '../fixtures/inequality/mexico.ts';
import { insertAccounts, insertLedger, openTestDb, runChecked, type LedgerRow } from './fixture.ts';

/**
 * Outside references through the same SQL path as the report: each state (or vector element) is an account whose
 * issued points in one period are the value, its regime an attribute. Expected values are quoted from the
 * reference suites (test/fixtures/inequality/README.md).
 */

// PySAL inequality: test_gini.py (1940) and the README's derived values for the other years.
const GINI: Record<number, number> = {
  1940: 0.35372371173452849,
  1950: 0.2964461344,
  1960: 0.2537183286,
  1970: 0.2551335649,
  1980: 0.2450533805,
  1990: 0.2518182588,
  2000: 0.2581130825,
};
// PySAL inequality: test_theil.py (Theil T and TheilD bg, partition hanson98); wg from the TheilD docstring.
const THEIL: Record<number, number> = {
  1940: 0.20894344,
  1950: 0.15222451,
  1960: 0.10472941,
  1970: 0.10194725,
  1980: 0.09560113,
  1990: 0.10511256,
  2000: 0.10660832,
};
const BETWEEN: Record<number, number> = {
  1940: 0.0345889,
  1950: 0.02816853,
  1960: 0.05260921,
  1970: 0.05931219,
  1980: 0.03205257,
  1990: 0.02963731,
  2000: 0.03635872,
};
const WITHIN: Record<number, number> = {
  1940: 0.17435454,
  1950: 0.12405598,
  1960: 0.0521202,
  1970: 0.04263506,
  1980: 0.06354856,
  1990: 0.07547525,
  2000: 0.0702496,
};

/** Year y's values are issued in month (index of y) + 1 of 2001. */
const periodOf = (year: number) => {
  const m = YEARS.indexOf(year as (typeof YEARS)[number]) + 1;
  return { from: `2001-${String(m).padStart(2, '0')}-01`, to: `2001-${String(m + 1).padStart(2, '0')}-01` };
};

const within7 = (actual: unknown, expected: number) =>
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-7);

describe('PySAL Mexico data through distribution.sql and group_fairness.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
    const rows: LedgerRow[] = loadMexico().flatMap((s) =>
      YEARS.map((y) => ({
        at: `${periodOf(y).from} 12:00:00`,
        account: s.state,
        points: s.pcgdp[y],
        type: 'earn' as const,
        attrs: { hanson98: s.hanson98 },
      })),
    );
    await insertLedger(db, rows);
  });
  afterAll(() => db.close());

  it.each(YEARS)('Gini and Theil T of pcgdp%i', async (year) => {
    const [r] = await runChecked(db, 'distribution', { ...periodOf(year), max_points: 10 });
    expect(r.n).toBe(32);
    within7(r.gini, GINI[year]);
    within7(r.theil, THEIL[year]);
  });

  it('Gini(pcgdp1940) to the digits PySAL asserts', async () => {
    const [r] = await runChecked(db, 'distribution', { ...periodOf(1940), max_points: 10 });
    expect(r.gini as number).toBeCloseTo(0.35372371173452849, 12);
  });

  it.each(YEARS)('TheilD between/within by hanson98, pcgdp%i', async (year) => {
    const rows = await runChecked(db, 'group_fairness', {
      ...periodOf(year),
      attribute: 'hanson98',
      reference: null,
      min_group_size: 30,
      low: 0.8,
      high: 1.25,
    });
    expect(rows.map((r) => r.n).sort((a, b) => (a as number) - (b as number))).toEqual([2, 6, 7, 7, 10]); // regime sizes
    within7(rows[0].theil, THEIL[year]);
    within7(rows[0].theil_between, BETWEEN[year]);
    within7(rows[0].theil_within, WITHIN[year]);
  });
});

describe('small reference vectors through the same SQL', () => {
  it('R ineq: Gini(c(541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261)) = 0.4620911', async () => {
    const db = await openTestDb();
    const x = [541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261];
    await insertLedger(
      db,
      x.map((v, i) => ({ at: '2026-02-01 10:00:00', account: `r${i}`, points: v, type: 'earn' as const })),
    );
    const [r] = await runChecked(db, 'distribution', { from: '2026-01-01', to: '2026-04-01', max_points: 10 });
    expect(Math.abs((r.gini as number) - 0.4620911)).toBeLessThan(5e-8); // printed to 7 decimals
    db.close();
  });

  it('PySAL toy case: y = [0,0,0,10,10,10] in groups [0,0,0,1,1,1] → T = between = ln 2, within = 0', async () => {
    const db = await openTestDb();
    // Zeros are roster members who earned nothing; the groups are a roster attribute.
    await insertAccounts(
      db,
      [0, 1, 2, 3, 4, 5].map((i) => ({ account: `t${i}`, attrs: { g: i < 3 ? '0' : '1' } })),
    );
    await insertLedger(
      db,
      [3, 4, 5].map((i) => ({ at: '2026-02-01 10:00:00', account: `t${i}`, points: 10, type: 'earn' as const })),
    );
    const p = { from: '2026-01-01', to: '2026-04-01' };
    const [d] = await runChecked(db, 'distribution', { ...p, max_points: 10 });
    expect(d.theil as number).toBeCloseTo(Math.LN2, 12);
    const rows = await runChecked(db, 'group_fairness', {
      ...p,
      attribute: 'g',
      reference: null,
      min_group_size: 1,
      low: 0.8,
      high: 1.25,
    });
    expect(rows[0].theil as number).toBeCloseTo(Math.LN2, 12);
    expect(rows[0].theil_between as number).toBeCloseTo(Math.LN2, 12);
    expect(rows[0].theil_within as number).toBeCloseTo(0, 12);
    db.close();
  });
});
