import { describe, expect, it } from 'vitest';
import { type MwuAlternative, mannWhitneyU } from '../../src/stats/mann-whitney.ts';
import { cases } from '../fixtures/abtests/cases.ts';

/** Reads alternative, method and continuity from the recorded SciPy call. */
function callOptions(call: string) {
  const alternative = (/alternative='([a-z-]+)'/.exec(call)?.[1] ?? 'two-sided') as MwuAlternative;
  const method = /method='exact'/.test(call) ? 'exact' : 'asymptotic';
  const continuity = !/use_continuity=False/.test(call);
  return { alternative, method, continuity } as const;
}

describe('Mann–Whitney U against SciPy mannwhitneyu (BSD-3; values from R wilcox.test)', () => {
  it.each(cases.mann_whitney_scipy.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const options = callOptions(c.call);
    const r = mannWhitneyU(c.x, c.y, options);
    expect(r.u).toBe(c.expected.U);
    expect(r.method).toBe(options.method);
    // R prints 13 significant decimals; SciPy asserts at rtol 1e-7 — we hold ourselves to 1e-10 absolute.
    expect(Math.abs(r.pValue - c.expected.p)).toBeLessThan(1e-10);
  });

  it('covers every asymptotic/exact, continuity and tie variant listed in the reference', () => {
    const calls = cases.mann_whitney_scipy.cases.map((c) => callOptions(c.call));
    expect(calls.some((o) => o.method === 'exact')).toBe(true);
    expect(calls.some((o) => o.method === 'asymptotic' && !o.continuity)).toBe(true);
    expect(cases.mann_whitney_scipy.cases.filter((c) => c.id.startsWith('mwu_ties_'))).toHaveLength(7);
  });
});

describe('Mann–Whitney U by hand', () => {
  it('exact p from the enumerated null distribution', () => {
    // x = [1, 5], y = [2, 3, 4]: ranks of x are 1 and 5, U1 = 6 − 3 = 3. The 10 orderings give
    // U = 0,1,2,2,3,3,4,4,5,6, so P(U ≥ 3) = 6/10.
    const r = mannWhitneyU([1, 5], [2, 3, 4], { alternative: 'greater', method: 'exact' });
    expect(r.u).toBe(3);
    expect(r.pValue).toBeCloseTo(6 / 10, 14);
    // Completely separated 3 vs 4: only 1 of C(7,3) = 35 orderings gives U = 0.
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6, 7], { alternative: 'less' }).pValue).toBeCloseTo(1 / 35, 14);
  });

  it('exact p equals brute-force enumeration of all rank sets (5 vs 7: C(12,5) = 792)', () => {
    // Under H0 every 5-subset of ranks 1..12 is equally likely for x; U = rank sum − 5·6/2.
    const x = [0.4, 2.7, 3.1, 8.8, 9.5];
    const y = [1.2, 4.4, 5.0, 6.3, 7.1, 10.2, 11.9];
    const observed = mannWhitneyU(x, y, { alternative: 'greater', method: 'exact' });
    // Ranks of x in the pooled sample: 1, 3, 4, 9, 10 → sum 27, U = 27 − 15 = 12.
    expect(observed.u).toBe(12);
    let atLeast = 0;
    let total = 0;
    const choose = (from: number, left: number, sum: number): void => {
      if (left === 0) {
        total++;
        if (sum - 15 >= observed.u) atLeast++;
        return;
      }
      for (let r = from; r <= 12; r++) choose(r + 1, left - 1, sum + r);
    };
    choose(1, 5, 0);
    expect(total).toBe(792);
    expect(observed.pValue).toBeCloseTo(atLeast / total, 14);
    // Two-sided uses max(U1, U2) = max(12, 35 − 12 = 23): p = 2·P(U ≥ 23), which is exactly the one-sided "less" p doubled.
    const twoSided = mannWhitneyU(x, y, { method: 'exact' }).pValue;
    const less = mannWhitneyU(x, y, { alternative: 'less', method: 'exact' }).pValue;
    expect(twoSided).toBeCloseTo(2 * less, 14);
  });

  it('auto picks exact for small tie-free samples and asymptotic with ties', () => {
    expect(mannWhitneyU([1, 2], [3, 4, 5]).method).toBe('exact');
    expect(mannWhitneyU([1, 2], [2, 4, 5]).method).toBe('asymptotic');
    expect(() => mannWhitneyU([1, 2], [2, 4], { method: 'exact' })).toThrow(/ties/);
  });
});
