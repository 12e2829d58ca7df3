import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { gini } from '../../src/stats/gini.ts';
import { lorenz, thinLorenz } from '../../src/stats/lorenz.ts';
import { createRng } from '../../src/stats/prng.ts';
import { topShare, zeroShare } from '../../src/stats/shares.ts';
import { theil, theilDecomposition } from '../../src/stats/theil.ts';
import { insertAccounts, insertLedger, openTestDb, runChecked, type LedgerRow } from './fixture.ts';
import { sqlRows } from '../../src/db/sql.ts';

/**
 * The SQL statistics against the independent TypeScript implementation (src/stats) on a seeded random program
 * with ties, zeros, several rows per account and uneven groups.
 */
describe('SQL statistics = src/stats on a random program', () => {
  const P = { from: '2026-01-01', to: '2026-04-01' };
  let db: Database;
  const issued = new Map<string, number>();
  const region = new Map<string, string>();

  beforeAll(async () => {
    db = await openTestDb();
    const rng = createRng(31);
    const regions = ['north', 'south', 'east', 'west', 'far'];
    const accounts = Array.from({ length: 120 }, (_, i) => `acc${i}`);
    await insertAccounts(
      db,
      accounts.map((a, i) => ({
        account: a,
        attrs: { region: regions[Math.min(4, Math.floor(rng() ** 2 * 5))] },
        joined: i % 17 === 0 ? '2026-05-01' : undefined,
      })),
    );
    for (const r of await sqlRows<{ a: string; v: string }>(
      db,
      `SELECT account_id AS a, value AS v FROM account_attributes WHERE attribute = 'region'`,
    ))
      region.set(r.a, r.v);
    const rows: LedgerRow[] = [];
    for (const a of accounts) {
      const k = Math.floor(rng() * 4); // 0–3 earn rows; accounts with 0 are zeros of the roster population
      for (let j = 0; j < k; j++) {
        const points = 5 * Math.floor(rng() * 40) + 5; // multiples of 5 → many ties
        rows.push({ at: `2026-0${1 + Math.floor(rng() * 3)}-1${j} 10:00:00`, account: a, points, type: 'earn' });
      }
    }
    await insertLedger(db, rows);
    for (const a of accounts.filter((_, i) => i % 17 !== 0)) issued.set(a, 0); // joined after P: not eligible
    for (const r of rows) if (issued.has(r.account)) issued.set(r.account, (issued.get(r.account) ?? 0) + r.points);
  });
  afterAll(() => db.close());

  it('distribution.sql', async () => {
    const x = [...issued.values()];
    const [r] = await runChecked(db, 'distribution', { ...P, max_points: 10 });
    expect(r.n).toBe(x.length);
    expect(r.gini as number).toBeCloseTo(gini(x) as number, 12);
    expect(r.gini_nonzero as number).toBeCloseTo(gini(x.filter((v) => v > 0)) as number, 12);
    expect(r.theil as number).toBeCloseTo(theil(x) as number, 12);
    expect(r.top10_share as number).toBeCloseTo(topShare(x) as number, 12);
    expect(r.zero_share as number).toBeCloseTo(zeroShare(x) as number, 12);
  });

  it('distribution.sql Lorenz points and sorted values', async () => {
    const [r] = await runChecked(db, 'distribution', { ...P, max_points: 25 });
    expect(r.issued_sorted).toEqual([...issued.values()].sort((a, b) => a - b));
    const rows = r.lorenz as { k: number; p: number; l: number }[];
    const expected = thinLorenz(lorenz([...issued.values()]), 25);
    expect(rows.map((r) => r.k)).toEqual(expected.map((pt) => pt.k));
    rows.forEach((r, i) => {
      expect(r.p).toBeCloseTo(expected[i].p, 12);
      expect(r.l).toBeCloseTo(expected[i].l, 12);
    });
  });

  it('group_fairness.sql', async () => {
    const accounts = [...issued.keys()];
    const x = accounts.map((a) => issued.get(a) as number);
    const g = accounts.map((a) => region.get(a) ?? null);
    const d = theilDecomposition(x, g);
    const rows = await runChecked(db, 'group_fairness', {
      ...P,
      attribute: 'region',
      reference: null,
      min_group_size: 10,
      low: 0.8,
      high: 1.25,
    });
    expect(rows[0].theil_between as number).toBeCloseTo(d.between as number, 12);
    expect(rows[0].theil_within as number).toBeCloseTo(d.within as number, 12);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    for (const row of rows) {
      const members = x.filter((_, i) => g[i] === row.value);
      expect(row.n).toBe(members.length);
      expect(row.gini as number).toBeCloseTo(gini(members) as number, 12);
      expect(row.theil_group as number).toBeCloseTo(theil(members) as number, 12);
      expect(row.disparity as number).toBeCloseTo(members.reduce((s, v) => s + v, 0) / members.length / mean, 12);
      expect(row.small).toBe(members.length < 10);
    }
  });
});
