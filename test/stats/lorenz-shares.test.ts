import { describe, expect, it } from 'vitest';
import { lorenz, thinLorenz } from '../../src/stats/lorenz.ts';
import { topShare, zeroShare } from '../../src/stats/shares.ts';

describe('lorenz', () => {
  it('PySAL: Lorenz curve of [1, 2, 3, 4, 5] = [0, 0.0667, 0.2, 0.4, 0.6667, 1]', () => {
    const l = lorenz([5, 3, 1, 4, 2]).map((pt) => pt.l);
    const expected = [0, 1 / 15, 3 / 15, 6 / 15, 10 / 15, 1];
    l.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    expect(lorenz([1, 2, 3, 4, 5]).map((pt) => pt.p)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('is empty for no values or all zeros', () => {
    expect(lorenz([])).toEqual([]);
    expect(lorenz([0, 0])).toEqual([]);
  });

  it('thins to k = 0, every ⌈n/max⌉-th k and k = n, keeping points on the curve', () => {
    const full = lorenz([1, 2, 3, 4, 5, 6, 7]);
    const thin = thinLorenz(full, 3); // step ⌈7/3⌉ = 3
    expect(thin.map((pt) => pt.k)).toEqual([0, 3, 6, 7]);
    for (const pt of thin) expect(pt).toEqual(full[pt.k]);
    expect(thinLorenz(full, 100)).toEqual(full);
  });
});

describe('shares', () => {
  it('top-10 % share takes the ⌈0.1 n⌉ largest values', () => {
    // n = 11 → ⌈1.1⌉ = 2 largest: 10 + 9 of a total 55 + 0.
    expect(topShare([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo((10 + 9) / 55, 14);
    expect(topShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(1 / 10, 14);
    expect(topShare([3])).toBe(1);
    expect(topShare([])).toBeNull();
    expect(topShare([0, 0])).toBeNull();
  });

  it('zero share', () => {
    expect(zeroShare([0, 1, 0, 2])).toBe(0.5);
    expect(zeroShare([])).toBeNull();
  });
});
