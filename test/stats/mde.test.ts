import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/stats/distributions.ts';
import { minimumDetectableEffect } from '../../src/stats/mde.ts';

describe('minimum detectable effect', () => {
  it('matches the normal-approximation formula by hand', () => {
    // z_0.975 = 1.959963984540054, z_0.8 = 0.8416212335729143 (published standard-normal quantiles), sum 2.801585218…
    // n = 1000 per arm, sd 10: se = √(100/1000 + 100/1000) = √0.2 = 0.4472135955, MDE = 2.801585218 × 0.4472135955.
    const expected = (1.959963984540054 + 0.8416212335729143) * Math.sqrt(0.2);
    const r = minimumDetectableEffect({ nControl: 1000, nTreatment: 1000, sdControl: 10, baseline: 50 });
    expect(r.absolute).toBeCloseTo(expected, 8);
    expect(r.absolute).toBeCloseTo(1.25291, 5);
    // Relative to a baseline mean of 50: 1.25291 / 50 = 0.0250582.
    expect(r.relative).toBeCloseTo(expected / 50, 8);
  });

  it('uses each arm’s own spread and shrinks as 1/√n', () => {
    // sd 4 vs 8, n 400 vs 100: se = √(16/400 + 64/100) = √(0.04 + 0.64) = √0.68.
    const r = minimumDetectableEffect({ nControl: 400, nTreatment: 100, sdControl: 4, sdTreatment: 8 });
    expect(r.absolute).toBeCloseTo((1.959963984540054 + 0.8416212335729143) * Math.sqrt(0.68), 8);
    expect(r.relative).toBeNull();
    const small = minimumDetectableEffect({ nControl: 100, nTreatment: 100, sdControl: 1 });
    const large = minimumDetectableEffect({ nControl: 400, nTreatment: 400, sdControl: 1 });
    expect(small.absolute / large.absolute).toBeCloseTo(2, 12);
  });

  it('the wrapper’s normal quantiles agree with the published values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 9);
  });
});
