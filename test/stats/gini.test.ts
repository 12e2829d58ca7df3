import { describe, expect, it } from 'vitest';
import { gini, giniSorted, giniWeightedSorted } from '../../src/stats/gini.ts';
import { loadMexico } from '../fixtures/inequality/mexico.ts';

describe('gini', () => {
  it('PySAL: Gini(pcgdp1940) = 0.35372371173452849 (test_gini.py)', () => {
    const x = loadMexico().map((s) => s.pcgdp[1940]);
    expect(gini(x) as number).toBeCloseTo(0.35372371173452849, 12);
  });

  it('R ineq: Gini(c(541, …, 22261)) = 0.4620911 (ineq-Ex.Rout.save)', () => {
    const x = [541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261];
    expect(Math.abs((gini(x) as number) - 0.4620911)).toBeLessThan(5e-8);
  });

  it('equals the mean absolute difference form Σ|xi − xj| / (2 n² μ)', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const n = x.length;
    const mu = x.reduce((a, b) => a + b) / n;
    let mad = 0;
    for (const a of x) for (const b of x) mad += Math.abs(a - b);
    expect(gini(x) as number).toBeCloseTo(mad / (2 * n * n * mu), 14);
  });

  it('is 0 for equal values and for one value; null for none or all zeros', () => {
    expect(gini([7, 7, 7])).toBe(0);
    expect(gini([5])).toBe(0);
    expect(gini([])).toBeNull();
    expect(gini([0, 0])).toBeNull();
  });

  it('does not depend on the input order', () => {
    expect(gini([9, 1, 5])).toBe(giniSorted([1, 5, 9]));
  });

  it('weighted form: a sample given as counts equals the expanded sample', () => {
    const sorted = [0, 2, 5, 11];
    const counts = [2, 0, 3, 1];
    const expanded = [0, 0, 5, 5, 5, 11];
    expect(giniWeightedSorted(sorted, counts) as number).toBeCloseTo(gini(expanded) as number, 14);
    expect(giniWeightedSorted(sorted, [0, 0, 0, 0])).toBeNull();
  });
});
