import { describe, expect, it } from 'vitest';
import { benfordExpected } from '../../src/stats/benford-digits.ts';
import {
  benford,
  benfordFromCounts,
  binZ,
  chiSquare,
  conformity,
  digitCounts,
  expectedMadUnderBenford,
  meanAbsoluteDeviation,
} from '../../src/stats/benford.ts';
import { createRng } from '../../src/stats/prng.ts';

const p = (d: number) => Math.log10(1 + 1 / d);

describe('Benford statistics', () => {
  it('exact Benford proportions give MAD 0 and χ² 0', () => {
    for (const test of ['first', 'firstTwo'] as const) {
      const e = benfordExpected(test);
      expect(meanAbsoluteDeviation(e, e)).toBe(0);
      expect(
        chiSquare(
          e.map((q) => q * 1000),
          e,
        ),
      ).toBeCloseTo(0, 9);
    }
  });

  it('computes counts, proportions, MAD, χ² and z on a hand fixture (counts 3,1,0,…,0,1; n = 5)', () => {
    const counts = [3, 1, 0, 0, 0, 0, 0, 0, 1];
    const r = benfordFromCounts('first', counts);
    expect(r.n).toBe(5);
    expect(r.bins.map((b) => b.observed)).toEqual([0.6, 0.2, 0, 0, 0, 0, 0, 0, 0.2]);
    // MAD = (|0.6 − p1| + |0.2 − p2| + p3 + … + p8 + |0.2 − p9|) / 9
    const mad =
      (Math.abs(0.6 - p(1)) + Math.abs(0.2 - p(2)) + p(3) + p(4) + p(5) + p(6) + p(7) + p(8) + Math.abs(0.2 - p(9))) /
      9;
    expect(r.mad).toBeCloseTo(mad, 14);
    expect(r.conformity).toBe('nonconformity');
    // χ² = Σ (count − 5 p)² / (5 p)
    let chi = 0;
    counts.forEach((c, i) => (chi += (c - 5 * p(i + 1)) ** 2 / (5 * p(i + 1))));
    expect(r.chiSquare).toBeCloseTo(chi, 10);
    expect(r.df).toBe(8);
    // digit 1: |0.6 − 0.30103| = 0.29897 > 1/(2·5) = 0.1, so corrected: (0.29897 − 0.1) / √(p1(1 − p1)/5)
    expect(r.bins[0].z).toBeCloseTo((0.6 - p(1) - 0.1) / Math.sqrt((p(1) * (1 - p(1))) / 5), 12);
    // digit 5: |0 − 0.07918| < 0.1, so the correction is dropped: 0.07918 / √(p5(1 − p5)/5)
    expect(r.bins[4].z).toBeCloseTo(p(5) / Math.sqrt((p(5) * (1 - p(5))) / 5), 12);
  });

  it('binZ is 0 when observed equals expected', () => {
    expect(binZ(0.1, 0.1, 100)).toBe(0);
  });

  it('labels MAD with Nigrini bands, a value on a cut-off going to the band above', () => {
    expect(conformity('first', 0.0059)).toBe('close');
    expect(conformity('first', 0.006)).toBe('acceptable');
    expect(conformity('first', 0.01464)).toBe('marginal');
    expect(conformity('first', 0.015)).toBe('nonconformity');
    expect(conformity('firstTwo', 0.0011)).toBe('close');
    expect(conformity('firstTwo', 0.0015)).toBe('acceptable');
    expect(conformity('firstTwo', 0.002)).toBe('marginal');
    expect(conformity('firstTwo', 0.00243)).toBe('nonconformity');
  });

  it('rejects mismatched vectors and empty counts', () => {
    expect(() => meanAbsoluteDeviation([0.5], [0.5, 0.5])).toThrow(RangeError);
    expect(() => benfordFromCounts('first', [1, 2])).toThrow(RangeError);
    expect(() => benfordFromCounts('first', new Array(9).fill(0))).toThrow(RangeError);
  });
});

describe('digitCounts', () => {
  const values = [-250, 0.29, 0, Number.NaN, 5, 12, 1999.99];

  it('first digit keeps every non-zero finite value, sign ignored: 2,2,5,1,1', () => {
    expect(digitCounts(values, 'first')).toEqual([2, 2, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('first two digits skip values under 10 by default: 25, 12, 19', () => {
    const c = digitCounts(values, 'firstTwo');
    expect(c.reduce((a, b) => a + b, 0)).toBe(3);
    expect([c[25 - 10], c[12 - 10], c[19 - 10]]).toEqual([1, 1, 1]);
    expect(digitCounts(values, 'firstTwo', 0)[29 - 10]).toBe(1); // 0.29 counted once the floor is lifted
  });
});

describe('benford guards and end-to-end', () => {
  // Log-uniform over 3 decades follows Benford's law: x_i = 10^(1 + 3 i / n).
  const logUniform = (n: number) => Array.from({ length: n }, (_, i) => 10 ** (1 + (3 * i) / n));

  it('skips with a reason when there are too few values', () => {
    const r = benford(logUniform(499), 'first');
    expect(r).toEqual({ test: 'first', n: 499, skipped: 'only 499 usable values (need at least 500)' });
    expect('skipped' in benford(logUniform(1999), 'firstTwo')).toBe(true);
  });

  it('skips fixed awards that span less than two orders of magnitude', () => {
    const awards = Array.from({ length: 3000 }, (_, i) => [5, 10, 20, 50][i % 4]);
    const r = benford(awards, 'first');
    // max/min = 50/5 = 10 → log10 = 1 order of magnitude
    expect(r).toMatchObject({ skipped: 'values span 1.00 orders of magnitude (need at least 2)' });
  });

  it('finds close conformity on log-uniform data and nonconformity on uniform data', () => {
    const good = benford(logUniform(3000), 'firstTwo');
    if ('skipped' in good) throw new Error(good.skipped);
    expect(good.conformity).toBe('close');
    const uniform = Array.from({ length: 3000 }, (_, i) => 10 + i); // 10..3009, evenly spaced
    const bad = benford(uniform, 'first');
    if ('skipped' in bad) throw new Error(bad.skipped);
    // digits 1, 2: 10 + 100 + 1000 = 1110 each; 3: 10 + 100 + 10 (3000–3009) = 120; 4–9: 10 + 100 = 110 each
    expect(bad.bins.map((b) => b.count)).toEqual([1110, 1110, 120, 110, 110, 110, 110, 110, 110]);
    expect(bad.conformity).toBe('nonconformity');
  });

  it('expectedMadUnderBenford matches the average MAD of seeded Benford samples (the basis of DEFAULT_MIN_N)', () => {
    const rng = createRng(42);
    const reps = 200;
    for (const [test, n] of [
      ['first', 500],
      ['firstTwo', 2000],
    ] as const) {
      let total = 0;
      for (let r = 0; r < reps; r++) {
        const sample = Array.from({ length: n }, () => 10 ** (2 + 3 * rng())); // log-uniform ⇒ Benford
        const res = benford(sample, test);
        if ('skipped' in res) throw new Error(res.skipped);
        total += res.mad;
      }
      const predicted = expectedMadUnderBenford(test, n);
      expect(Math.abs(total / reps - predicted) / predicted).toBeLessThan(0.1);
      // the default sizes keep pure sampling noise out of the nonconformity band
      expect(predicted).toBeLessThan(test === 'first' ? 0.015 : 0.0022);
    }
    expect(expectedMadUnderBenford('first', 2000)).toBeCloseTo(expectedMadUnderBenford('first', 500) / 2, 15);
  });
});
