import { describe, expect, it } from 'vitest';
import { type ArmSummary, summarize, summaryFromSums, welchTest, welchTestSamples } from '../../src/stats/welch.ts';
import { cases, type GbArm, linspace } from '../fixtures/abtests/cases.ts';

/** GrowthBook's test helper rounds every number to 5 decimals before comparing. */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
const bound = (b: number | string) => (b === '+inf' ? Infinity : b === '-inf' ? -Infinity : (b as number));

function gbSummary(arm: GbArm): ArmSummary {
  if (arm.type === 'ProportionStatistic') {
    const mean = arm.sum / arm.n;
    return { n: arm.n, mean, variance: mean * (1 - mean) };
  }
  return summaryFromSums(arm.n, arm.sum, arm.sum_squares!);
}

describe('Welch t-test against GrowthBook gbstats (MIT)', () => {
  const alternatives = {
    two_sided_welch: 'two-sided',
    one_sided_greater: 'greater',
    one_sided_lesser: 'less',
  } as const;
  it.each(cases.gbstats_frequentist.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = welchTest(gbSummary(c.control), gbSummary(c.treatment), {
      alpha: c.alpha,
      alternative: alternatives[c.test],
    });
    const lift = c.difference_type === 'relative' ? result.relative! : result.absolute;
    expect(round5(lift.estimate)).toBe(round5(c.expected.estimate));
    expect(round5(lift.se)).toBe(round5(c.expected.se));
    expect(round5(lift.pValue)).toBe(round5(c.expected.p_value));
    for (const side of [0, 1] as const) {
      const expected = bound(c.expected.ci[side]);
      if (Number.isFinite(expected)) expect(round5(lift.ci[side])).toBe(round5(expected));
      else expect(lift.ci[side]).toBe(expected);
    }
  });

  it('reproduces the headline numbers quoted in issue 6', () => {
    // Control: sum 1396.87, Σx² 52377.9767, n 3407 → mean 0.41, var 15.21; treatment 2422.7, 134698.29, 3461 → 0.7, 38.44.
    const r = welchTest(summaryFromSums(3407, 1396.87, 52377.9767), summaryFromSums(3461, 2422.7, 134698.29));
    expect(round5(r.absolute.estimate)).toBe(0.29);
    expect(r.absolute.ci.map(round5)).toEqual([0.04538, 0.53462]);
    expect(round5(r.absolute.pValue)).toBe(0.02016);
    expect(round5(r.relative!.estimate)).toBe(0.70732);
    expect(r.relative!.ci.map(round5)).toEqual([-0.03526, 1.44989]);
    expect(round5(r.relative!.pValue)).toBe(0.06191);
    // dof derived by the collector with mpmath (not asserted by GrowthBook): 5841.74203209.
    expect(r.dof).toBeCloseTo(5841.74203209, 5);
  });
});

describe('Welch t-test against SciPy ttest_ind(equal_var=False) (BSD-3)', () => {
  it.each(cases.welch_t_test_scipy.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const a = c.a ?? linspace(c.a_spec!);
    const b = c.b ?? linspace(c.b_spec!);
    // SciPy's t is mean(a) − mean(b): a plays the treatment, b the control.
    const r = welchTestSamples(b, a);
    // SciPy asserts with rtol 1e-7.
    expect(Math.abs(r.t / c.expected.t - 1)).toBeLessThan(1e-7);
    expect(Math.abs(r.absolute.pValue / c.expected.p_two_sided - 1)).toBeLessThan(1e-7);
  });
});

describe('Welch edge cases', () => {
  it('summarize gives the n − 1 sample variance', () => {
    // [2, 4, 9]: mean 5, squared deviations 9 + 1 + 16 = 26, variance 26 / 2 = 13.
    expect(summarize([2, 4, 9])).toEqual({ n: 3, mean: 5, variance: 13 });
  });

  it('has no relative lift when the control mean is 0', () => {
    const r = welchTestSamples([-1, 1, 0], [1, 2, 3]);
    expect(r.relative).toBeNull();
    expect(r.absolute.estimate).toBe(2);
  });

  it('stays finite when both arms are constant', () => {
    const same = welchTestSamples([3, 3, 3], [3, 3]);
    expect(same.absolute.pValue).toBe(1);
    expect(same.absolute.ci).toEqual([0, 0]);
    const apart = welchTestSamples([3, 3, 3], [4, 4]);
    expect(apart.absolute.pValue).toBe(0);
    expect(apart.t).toBe(Infinity);
  });

  it('rejects an arm with fewer than two units', () => {
    expect(() => welchTestSamples([1], [1, 2])).toThrow(/at least 2/);
  });
});
