import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalCdf, tCdf, tQuantile } from '../../src/stats/distributions.ts';
import * as handWritten from '../../src/stats/student-t.ts';

describe('distribution wrapper (jstat)', () => {
  // Measured: jstat's t quantile is off by up to ~3e-8 relative and its CDF by up to ~1.5e-9 absolute at large dof
  // (student-t.ts agrees with SciPy to ~1e-14). Both are far inside the 5 decimals GrowthBook asserts.
  it('t quantiles agree with published critical values and the hand-written implementation', () => {
    // scipy.stats.t.ppf(0.975, df) for df = 1, 5, 30.
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706204736174698, 6);
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.5705818356363146, 6);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0422724563012378, 6);
    for (const df of [1.5, 3.41, 55.7, 5841.742]) {
      expect(tQuantile(0.975, df)).toBeCloseTo(handWritten.tQuantile(0.975, df), 6);
      expect(tCdf(-2.1, df)).toBeCloseTo(handWritten.tCdf(-2.1, df), 8);
    }
  });

  it('an infinite dof is the normal limit', () => {
    expect(tCdf(1.959963984540054, Infinity)).toBeCloseTo(0.975, 12);
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 9);
    expect(normalCdf(-Infinity)).toBe(0);
  });

  it('chi-square survival: χ²(2) has P(X > x) = e^(−x/2)', () => {
    expect(chiSquareSurvival(3, 2)).toBeCloseTo(Math.exp(-1.5), 12);
    expect(chiSquareSurvival(0, 1)).toBe(1);
  });

  it('rejects impossible arguments', () => {
    expect(() => tCdf(1, 0)).toThrow(RangeError);
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
  });
});
