import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binomialBayes, digamma, gaussianBayes, trigamma } from '../../src/stats/bayes.ts';
import { summaryFromSums } from '../../src/stats/welch.ts';

// GrowthBook's own expected values (MIT; source and commit in the file).
const gb = JSON.parse(readFileSync(new URL('../fixtures/abtests/growthbook-bayesian.json', import.meta.url), 'utf8'));
const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

describe('Bayesian chance to beat control, as GrowthBook computes it', () => {
  it('matches gbstats on the Gaussian (sample mean) case', () => {
    const c = gb.gaussian.control;
    const t = gb.gaussian.treatment;
    const r = gaussianBayes(summaryFromSums(c.n, c.sum, c.sum_squares), summaryFromSums(t.n, t.sum, t.sum_squares))!;
    expect(round5(r.chanceToWin)).toBe(gb.gaussian.chance_to_win);
    expect(round5(r.expected)).toBe(gb.gaussian.expected);
    expect(r.ci.map(round5)).toEqual(gb.gaussian.ci);
    expect(round5(r.uplift.mean)).toBe(gb.gaussian.uplift.mean);
    expect(round5(r.uplift.stddev)).toBe(gb.gaussian.uplift.stddev);
  });

  it('matches gbstats on the binomial (proportion) case', () => {
    const c = gb.binomial.control;
    const t = gb.binomial.treatment;
    const r = binomialBayes({ successes: c.sum, n: c.n }, { successes: t.sum, n: t.n })!;
    expect(round5(r.chanceToWin)).toBe(gb.binomial.chance_to_win);
    expect(round5(r.expected)).toBe(gb.binomial.expected);
    expect(r.ci.map(round5)).toEqual(gb.binomial.ci);
    expect(round5(r.uplift.mean)).toBe(gb.binomial.uplift.mean);
    expect(round5(r.uplift.stddev)).toBe(gb.binomial.uplift.stddev);
  });

  it('is symmetric: swapping the arms gives 1 − the chance', () => {
    const a = summaryFromSums(10, 100, 1002.25);
    const b = summaryFromSums(10, 105, 1111.5);
    expect(gaussianBayes(b, a)!.chanceToWin).toBeCloseTo(1 - gaussianBayes(a, b)!.chanceToWin, 12);
  });

  it('has no answer when a mean is not positive (the log-normal model needs a positive mean)', () => {
    expect(gaussianBayes({ n: 10, mean: 0, variance: 1 }, { n: 10, mean: 1, variance: 1 })).toBeNull();
    expect(binomialBayes({ successes: 0, n: 0 }, { successes: 1, n: 2 })).toBeNull();
  });

  it('computes digamma and trigamma to 1e-10 (known values)', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 10);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 10);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 10);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 10);
  });
});
