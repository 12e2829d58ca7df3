import { describe, expect, it } from 'vitest';
import { bootstrapArms } from '../../src/experiments/arm-bootstrap.ts';
import { cuped } from '../../src/experiments/cuped.ts';
import { armDistributions } from '../../src/experiments/distribution.ts';
import { ratioSummary } from '../../src/experiments/ratio.ts';
import { capAt, winsorCap } from '../../src/experiments/winsorize.ts';
import { gini } from '../../src/stats/gini.ts';

describe('ratioSummary (delta method)', () => {
  it('matches the hand-computed variance of Σy / Σx', () => {
    // y = [1, 2, 3], x = [2, 2, 4]: R = 6/8 = 0.75, μx = 8/3.
    // Sample moments (n − 1 = 2): var y = ((−1)² + 0 + 1²)/2 = 1; var x = ((−2/3)² + (−2/3)² + (4/3)²)/2 = (24/9)/2 = 4/3;
    // cov = ((−1)(−2/3) + 0 + (1)(4/3))/2 = (2/3 + 4/3)/2 = 1.
    // Var R = (1 − 2·0.75·1 + 0.5625·4/3) / (3 · (8/3)²) = (1 − 1.5 + 0.75) / (64/3) = 0.25 · 3/64 = 0.01171875.
    const s = ratioSummary([1, 2, 3], [2, 2, 4])!;
    expect(s.mean).toBe(0.75);
    expect(s.variance / s.n).toBeCloseTo(0.01171875, 15);
  });

  it('is null when the denominator sums to 0', () => {
    expect(ratioSummary([1, 2], [0, 0])).toBeNull();
  });
});

describe('cuped', () => {
  it('removes all variance when y is a linear function of the covariate', () => {
    // y = 3x + 1: θ = 3, y' = y − 3(x − x̄) = 3x̄ + 1 for every unit (x̄ = 2.5 → 8.5), corr² = 1.
    const r = cuped([4, 7, 10, 13], [1, 2, 3, 4])!;
    expect(r.theta).toBeCloseTo(3, 12);
    expect(r.varianceReduction).toBeCloseTo(1, 12);
    for (const v of r.adjusted) expect(v).toBeCloseTo(8.5, 12);
  });

  it('keeps the pooled mean and removes corr² of the variance', () => {
    // x = [0, 1, 0, 1], y = [1, 2, 3, 4]: x̄ = 0.5, ȳ = 2.5; Σdx·dy = (−.5)(−1.5) + (.5)(−.5) + (−.5)(.5) + (.5)(1.5) = 1;
    // Σdx² = 1, Σdy² = 5 → θ = 1, corr² = 1/5 = 0.2.
    const r = cuped([1, 2, 3, 4], [0, 1, 0, 1])!;
    expect(r.theta).toBeCloseTo(1, 12);
    expect(r.varianceReduction).toBeCloseTo(0.2, 12);
    expect([...r.adjusted]).toEqual([1.5, 1.5, 3.5, 3.5]);
  });

  it('is null when the covariate is constant', () => {
    expect(cuped([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});

describe('winsorising', () => {
  it('caps at the pooled 99.9th percentile (type 7)', () => {
    // 1001 values 0..999 and 100000: h = 1000 · 0.999 = 999 → the 999th value (0-based) = 999, plus 0 · (100000 − 999).
    const values = [...Array.from({ length: 1000 }, (_, i) => i), 100_000];
    expect(winsorCap(values)).toBe(999);
    expect([...capAt([5, 2000], 999)]).toEqual([5, 999]);
  });
});

describe('bootstrapArms', () => {
  const control = [Float64Array.from({ length: 300 }, (_, i) => (i * 37) % 101)];
  const treatment = [Float64Array.from({ length: 280 }, (_, i) => ((i * 53) % 97) + 10)];

  it('is reproducible from its seed and changes with it', () => {
    const a = bootstrapArms(control, treatment, { resamples: 300, seed: 7 });
    expect(bootstrapArms(control, treatment, { resamples: 300, seed: 7 })).toEqual(a);
    expect(bootstrapArms(control, treatment, { resamples: 300, seed: 8 }).giniDiff).not.toEqual(a.giniDiff);
  });

  it('brackets the observed differences of medians and Ginis', () => {
    const r = bootstrapArms(control, treatment, { resamples: 2000, seed: 1 });
    const sortedMedian = (v: Float64Array) => {
      const s = Float64Array.from(v).sort();
      return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
    };
    const medianDiff = sortedMedian(treatment[0]!) - sortedMedian(control[0]!);
    const giniDiff = gini(treatment[0]!)! - gini(control[0]!)!;
    expect(r.medianDiff[0]![0]).toBeLessThanOrEqual(medianDiff);
    expect(r.medianDiff[0]![1]).toBeGreaterThanOrEqual(medianDiff);
    expect(r.giniDiff![0]).toBeLessThan(giniDiff);
    expect(r.giniDiff![1]).toBeGreaterThan(giniDiff);
  });

  it('gives a zero-width median interval for constant arms', () => {
    const r = bootstrapArms([new Float64Array([3, 3, 3])], [new Float64Array([5, 5])], { resamples: 50, seed: 1 });
    expect(r.medianDiff[0]).toEqual([2, 2]);
  });
});

describe('armDistributions', () => {
  it('shares bin edges across arms and counts every value once', () => {
    const d = armDistributions(
      [
        { variant: 'A', values: [0, 10, 20, 40] },
        { variant: 'B', values: [40, 40] },
      ],
      4,
    );
    // Pooled range 0..40 in 4 bins of 10: A → [0,10): 0; [10,20): 10; [20,30): 20; [30,40]: 40 (last bin closed).
    expect(d.bins).toEqual([0, 10, 20, 30, 40]);
    expect(d.arms[0]!.counts).toEqual([1, 1, 1, 1]);
    expect(d.arms[1]!.counts).toEqual([0, 0, 0, 2]);
    expect(d.arms[0]!.quantiles.find((q) => q.p === 0.5)!.value).toBe(15);
  });
});
