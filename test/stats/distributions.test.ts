import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalCdf, tCdf, tQuantile } from '../../src/stats/distributions.ts';
import * as intervalT from '../../src/stats/student-t.ts';

describe('distribution wrapper (jstat)', () => {
  // Measured: jstat's t quantile is off by up to ~3e-8 relative and its CDF by up to ~3e-9 absolute (the former
  // hand-written student-t.ts agreed with SciPy to ~1e-14). Both are far inside the 5 decimals GrowthBook asserts.
  it('t quantiles agree with published critical values; student-t.ts is the same functions', () => {
    // scipy.stats.t.ppf(0.975, df) for df = 1, 5, 30.
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706204736174698, 6);
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.5705818356363146, 6);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0422724563012378, 6);
    // t(0.975, 9) from the t tables (scipy.stats.t.ppf(0.975, 9)); mean-interval.ts reads it through student-t.ts.
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157162740992, 7);
    expect(intervalT.tQuantile).toBe(tQuantile);
    expect(intervalT.tCdf).toBe(tCdf);
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
