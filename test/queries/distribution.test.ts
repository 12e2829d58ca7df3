import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertAccounts, insertLedger, near, openTestDb, runChecked } from './fixture.ts';
import { P, programDb, programDbWithRoster } from './program-fixture.ts';

describe('queries/distribution.sql', () => {
  let plain: Database;
  let roster: Database;
  beforeAll(async () => {
    plain = await programDb();
    roster = await programDbWithRoster();
  });
  afterAll(() => {
    plain.close();
    roster.close();
  });

  it('without a roster the population is active(P), zeros included', async () => {
    const [r] = await runChecked(plain, 'distribution', { ...P, max_points: 100 });
    // a 300, b 100, c 0, d 0, e 0 (c d e were active without earning). Sorted: 0 0 0 100 300, S = 400.
    expect(r.population_kind).toBe('active');
    expect(r.n).toBe(5);
    expect(r.not_on_roster).toBe(5); // no roster lists anyone
    expect(r.zeros).toBe(3);
    near(r.zero_share, 3 / 5);
    near(r.total, 400);
    near(r.mean, 400 / 5);
    // Σ (2i − n − 1) x_(i) / (n S): i = 4 → (8 − 6)·100, i = 5 → (10 − 6)·300.
    near(r.gini, ((8 - 6) * 100 + (10 - 6) * 300) / (5 * 400));
    expect(r.n_nonzero).toBe(2);
    near(r.gini_nonzero, ((2 - 3) * 100 + (4 - 3) * 300) / (2 * 400));
    const mu = 400 / 5;
    near(r.theil, ((100 / mu) * Math.log(100 / mu) + (300 / mu) * Math.log(300 / mu)) / 5);
    near(r.top10_share, 300 / 400); // ⌈0.1 · 5⌉ = 1 largest
    expect(r.issued_sorted).toEqual([0, 0, 0, 100, 300]);
    // Every point (k/n, cumulative share) since n ≤ max_points.
    expect(r.lorenz).toEqual([
      { k: 0, p: 0, l: 0 },
      { k: 1, p: 0.2, l: 0 },
      { k: 2, p: 0.4, l: 0 },
      { k: 3, p: 0.6, l: 0 },
      { k: 4, p: 0.8, l: 100 / 400 },
      { k: 5, p: 1, l: 1 },
    ]);
  });

  it('thins the Lorenz curve to every ⌈n / max_points⌉-th point, keeping both ends', async () => {
    const [r] = await runChecked(plain, 'distribution', { ...P, max_points: 2 });
    // step = ⌈5 / 2⌉ = 3: k = 0, 3, 5.
    expect(r.lorenz).toEqual([
      { k: 0, p: 0, l: 0 },
      { k: 3, p: 0.6, l: 0 },
      { k: 5, p: 1, l: 1 },
    ]);
    near(r.gini, 0.7); // never from the thinned curve
  });

  it('matches the PySAL Lorenz curve of [1, 2, 3, 4, 5]', async () => {
    const five = await openTestDb();
    await insertLedger(
      five,
      [1, 2, 3, 4, 5].map((v, i) => ({
        at: '2026-02-01 10:00:00',
        account: `l${i}`,
        points: v,
        type: 'earn' as const,
      })),
    );
    const [r] = await runChecked(five, 'distribution', { ...P, max_points: 200 });
    const expected = [0, 0.06666667, 0.2, 0.4, 0.66666667, 1]; // pysal/inequality test_wolfson.py (atol 1e-4 there)
    (r.lorenz as { l: number }[]).forEach((pt, i) => expect(Math.abs(pt.l - expected[i])).toBeLessThan(1e-8));
    five.close();
  });

  it('with a roster: eligible accounts (zeros included) plus unlisted active accounts', async () => {
    const [r] = await runChecked(roster, 'distribution', { ...P, max_points: 100 });
    // a 300, b 100, c 0, i 0 from the roster; d 0, e 0 active but unlisted. Sorted 0 0 0 0 100 300.
    expect(r.population_kind).toBe('roster');
    expect(r.n).toBe(6);
    expect(r.not_on_roster).toBe(2);
    expect(r.zeros).toBe(4);
    near(r.gini, ((10 - 7) * 100 + (12 - 7) * 300) / (6 * 400));
    near(r.top10_share, 300 / 400); // ⌈0.6⌉ = 1
  });

  it('an empty period: n = 0 and every statistic null', async () => {
    const [r] = await runChecked(plain, 'distribution', { from: '2030-01-01', to: '2030-04-01', max_points: 100 });
    expect(r.n).toBe(0);
    for (const k of ['zero_share', 'total', 'mean', 'gini', 'gini_nonzero', 'theil', 'top10_share'])
      expect(r[k], k).toBeNull();
    expect(r.lorenz).toEqual([]);
    expect(r.issued_sorted).toEqual([]);
  });

  it('one participant: Gini 0, Theil 0, top-10 % share 1', async () => {
    const one = await openTestDb();
    await insertLedger(one, [{ at: '2026-02-01 10:00:00', account: 'solo', points: 42, type: 'earn' }]);
    const [r] = await runChecked(one, 'distribution', { ...P, max_points: 100 });
    expect(r.n).toBe(1);
    near(r.gini, 0);
    near(r.gini_nonzero, 0);
    near(r.theil, 0);
    near(r.top10_share, 1);
    near(r.zero_share, 0);
    expect(r.lorenz).toEqual([
      { k: 0, p: 0, l: 0 },
      { k: 1, p: 1, l: 1 },
    ]);
    one.close();
  });

  it('all zeros: nothing was issued, so the inequality measures are null; the zero share is 1', async () => {
    const zeros = await openTestDb();
    await insertAccounts(zeros, [{ account: 'z1' }, { account: 'z2' }, { account: 'z3' }]);
    await insertLedger(zeros, [{ at: '2026-02-01 10:00:00', account: 'z1', points: -5, type: 'redeem' }]);
    const [r] = await runChecked(zeros, 'distribution', { ...P, max_points: 100 });
    expect(r.n).toBe(3);
    near(r.zero_share, 1);
    near(r.total, 0);
    for (const k of ['gini', 'gini_nonzero', 'theil', 'top10_share']) expect(r[k], k).toBeNull();
    expect(r.lorenz).toEqual([]); // undefined when nothing was issued
    expect(r.issued_sorted).toEqual([0, 0, 0]);
    zeros.close();
  });

  it('values = false: the same statistics without the sorted values (the numbers-first request)', async () => {
    const [all] = await runChecked(plain, 'distribution', { ...P, max_points: 2, values: true });
    const [lean] = await runChecked(plain, 'distribution', { ...P, max_points: 2, values: false });
    expect(all.issued_sorted).toEqual([0, 0, 0, 100, 300]);
    expect(lean.issued_sorted).toEqual([]);
    expect({ ...lean, issued_sorted: null }).toEqual({ ...all, issued_sorted: null });
  });

  it('ties: ranks shared by equal values give the Gini, top share and Lorenz points of the sorted list', async () => {
    const tied = await openTestDb();
    // 0 ×3, 5 ×4, 10 ×2, 40 ×1: n = 10, S = 100. The zeros are active accounts that only redeemed.
    const xs = [0, 0, 0, 5, 5, 5, 5, 10, 10, 40];
    await insertLedger(
      tied,
      xs.map((x, i) => ({
        at: '2026-02-01 10:00:00',
        account: `t${i}`,
        points: x === 0 ? -1 : x,
        type: x === 0 ? ('redeem' as const) : ('earn' as const),
      })),
    );
    const s = xs.reduce((a, b) => a + b, 0);
    for (const maxPoints of [2, 3, 4, 100]) {
      const [r] = await runChecked(tied, 'distribution', { ...P, max_points: maxPoints });
      near(r.gini, xs.reduce((a, x, i) => a + (2 * (i + 1) - xs.length - 1) * x, 0) / (xs.length * s));
      near(r.top10_share, 40 / s); // ⌈0.1 · 10⌉ = 1 largest
      const step = Math.ceil(xs.length / maxPoints);
      const ks = [0, ...xs.map((_, i) => i + 1).filter((k) => k % step === 0 || k === xs.length)];
      const cum = (k: number) => xs.slice(0, k).reduce((a, b) => a + b, 0);
      const lorenz = r.lorenz as { k: number; p: number; l: number }[];
      expect(
        lorenz.map((pt) => pt.k),
        `max_points ${maxPoints}`,
      ).toEqual(ks);
      lorenz.forEach((pt) => {
        near(pt.p, pt.k / xs.length);
        near(pt.l, cum(pt.k) / s);
      });
    }
    tied.close();
  });
});
