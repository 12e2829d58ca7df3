import { describe, expect, it } from 'vitest';
import { type AccountMetrics, compareArms, type CompareOptions } from '../../src/experiments/compare.ts';
import { isUserError } from '../../src/errors.ts';
import { cases, linspace } from '../fixtures/abtests/cases.ts';

const OPTS: CompareOptions = {
  experiment: 'X',
  window: { from: '2026-04-01', to: '2026-07-01' },
  prePeriod: { from: '2026-01-01', to: '2026-04-01' },
  armsSource: 'ledger',
  rule: null,
  resamples: 200,
};

let nextId = 0;
/** An account whose metrics other than those given are constant (and no pre-period activity, so no CUPED). */
function account(variant: string, m: Partial<AccountMetrics> = {}): AccountMetrics {
  nextId += 1;
  return {
    account_id: `a${nextId}`,
    variant,
    variants: 1,
    issued: 0,
    issued_all: 100,
    redeemed: 50,
    active_days: 3,
    retained: 1,
    issued_pre: 0,
    active_pre: false,
    ...m,
  };
}
const arm = (variant: string, issued: number[], m: Partial<AccountMetrics> = {}) =>
  issued.map((x) => account(variant, { issued: x, ...m }));

/** n values (n odd) with exactly the given mean and sample variance: (n−1)/2 at mean ± sd and one at the mean. */
function withMoments(n: number, mean: number, variance: number): number[] {
  const sd = Math.sqrt(variance); // Σ dev² = (n − 1)·sd², so the n − 1 variance is sd²
  const k = (n - 1) / 2;
  return [...Array(k).fill(mean + sd), ...Array(k).fill(mean - sd), mean];
}

const issuedRow = (r: ReturnType<typeof compareArms>) => r.metrics.find((m) => m.metric === 'issued')!;
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

describe('compareArms against the outside references (GrowthBook MIT, SciPy BSD-3)', () => {
  it('GrowthBook Welch: means 0.41 vs 0.7, variances 15.21 vs 38.44, n 3407 vs 3461', () => {
    const r = compareArms(
      [...arm('A', withMoments(3407, 0.41, 15.21)), ...arm('B', withMoments(3461, 0.7, 38.44))],
      OPTS,
    );
    const m = issuedRow(r);
    expect(m.cuped.applied).toBe(false);
    expect(round5(m.abs_lift!)).toBe(0.29);
    expect(m.abs_ci!.map(round5)).toEqual([0.04538, 0.53462]);
    expect(round5(m.p!)).toBe(0.02016);
    expect(round5(m.rel_lift!)).toBe(0.70732);
    expect(m.rel_ci!.map(round5)).toEqual([-0.03526, 1.44989]);
  });

  it.each(
    cases.srm_chi_square.cases
      .filter((c) => c.users.length === 2 && c.users.every((u) => u >= 2))
      .map((c) => [c.id, c] as const),
  )('GrowthBook SRM %s through the arms of an experiment', (_id, c) => {
    const accounts = [...arm('A', Array(c.users[0]).fill(1)), ...arm('B', Array(c.users[1]).fill(2))];
    const r = compareArms(accounts, { ...OPTS, split: { A: c.weights[0]!, B: c.weights[1]! } });
    expect(r.srm.observed).toEqual(c.users);
    expect(r.srm.p.toFixed(9)).toBe(c.expected_p.toFixed(9));
    expect(r.srm.ok).toBe(c.expected_p >= 0.001);
  });

  it.each(cases.welch_t_test_scipy.cases.map((c) => [c.id, c] as const))('SciPy Welch %s', (_id, c) => {
    const a = c.a ?? linspace(c.a_spec!);
    const b = c.b ?? linspace(c.b_spec!);
    // SciPy's t is mean(a) − mean(b): a is the treatment here, b the control.
    const m = issuedRow(compareArms([...arm('A', b), ...arm('B', a)], OPTS));
    expect(m.p!).toBeCloseTo(c.expected.p_two_sided, 7);
    expect(Math.sign(m.abs_lift!)).toBe(Math.sign(c.expected.t));
  });

  // With ties the engine's Mann–Whitney (method 'auto', SciPy's rule) is asymptotic, as these cases are.
  const hasTies = (x: number[], y: number[]) => new Set([...x, ...y]).size < x.length + y.length;
  it.each(
    cases.mann_whitney_scipy.cases
      .filter((c) => c.id.startsWith('mwu_ties') && hasTies(c.x, c.y))
      .map((c) => [c.id, c] as const),
  )('SciPy Mann–Whitney %s (two-sided, asymptotic with ties)', (_id, c) => {
    const m = issuedRow(compareArms([...arm('A', c.x), ...arm('B', c.y)], OPTS));
    expect(m.mw_p!).toBeCloseTo(c.expected.p, 10);
  });
});

describe('compareArms', () => {
  it('adjusts p by Holm across the metrics and reads the verdict from the adjusted p', () => {
    const a = arm(
      'A',
      Array.from({ length: 200 }, (_, i) => 100 + (i % 20)),
    );
    const b = arm(
      'B',
      Array.from({ length: 200 }, (_, i) => 130 + (i % 20)),
    );
    const r = compareArms([...a, ...b], OPTS);
    const ps = r.metrics.filter((m) => m.p !== null).map((m) => m.p!);
    const smallest = Math.min(...ps);
    // Holm: the smallest of m p-values is multiplied by m.
    expect(issuedRow(r).p_adjusted).toBeCloseTo(Math.min(1, smallest * ps.length), 15);
    expect(issuedRow(r).verdict).toBe('better');
    expect(r.correction).toBe('holm');
    // Constant metrics in both arms: no difference at all, never a verdict.
    expect(r.metrics.find((m) => m.metric === 'active_days')!.verdict).toBe('inconclusive');
  });

  it('applies CUPED with the pre-period and reports the variance removed', () => {
    // issued = pre-period issued + arm effect + small noise: the covariate explains almost everything.
    const rows = Array.from({ length: 400 }, (_, i) => {
      const pre = (i * 7919) % 500;
      const variant = i % 2 ? 'B' : 'A';
      return account(variant, {
        issued: pre + (variant === 'B' ? 10 : 0) + ((i * 31) % 5),
        issued_pre: pre,
        active_pre: true,
      });
    });
    const m = issuedRow(compareArms(rows, OPTS));
    expect(m.cuped.applied).toBe(true);
    expect(m.cuped.variance_reduction!).toBeGreaterThan(0.99);
    expect(m.abs_ci![0]).toBeLessThan(10);
    expect(m.abs_ci![1]).toBeGreaterThan(10);
    expect(m.abs_ci![1] - m.abs_ci![0]).toBeLessThan(2);
  });

  it('winsorises at the pooled 99.9th percentile only when asked', () => {
    const a = arm('A', [...Array.from({ length: 999 }, (_, i) => i % 10), 1e6]);
    const b = arm(
      'B',
      Array.from({ length: 1000 }, (_, i) => i % 10),
    );
    const plain = issuedRow(compareArms([...a, ...b], OPTS));
    const w = compareArms([...a, ...b], { ...OPTS, winsorize: true });
    expect(plain.winsor_cap).toBeNull();
    expect(w.winsorized).toBe(true);
    expect(issuedRow(w).winsor_cap!).toBeLessThan(1e6);
    // The raw means stay as they were; the lift of the capped values no longer carries the 1e6 outlier.
    expect(issuedRow(w).mean_control).toBe(plain.mean_control);
    expect(Math.abs(issuedRow(w).abs_lift!)).toBeLessThan(Math.abs(plain.abs_lift!));
  });

  it('tests the redemption ratio of sums by the delta method, without a rank test', () => {
    const a = Array.from({ length: 50 }, (_, i) => account('A', { issued_all: 100 + i, redeemed: 50 }));
    const b = Array.from({ length: 50 }, (_, i) => account('B', { issued_all: 100 + i, redeemed: 60 }));
    const m = compareArms([...a, ...b], OPTS).metrics.find((x) => x.metric === 'redemption_ratio')!;
    // Σ issued_all per arm = 50·100 + (0 + … + 49) = 6225: ratios 2500/6225 and 3000/6225.
    expect(m.method).toBe('delta');
    expect(m.mean_control).toBeCloseTo(2500 / 6225, 15);
    expect(m.abs_lift).toBeCloseTo(500 / 6225, 15);
    expect(m.mw_p).toBeNull();
  });

  it('compares every treatment arm with the control', () => {
    const r = compareArms([...arm('A', [1, 2, 3]), ...arm('B', [2, 3, 4]), ...arm('C', [5, 6, 7])], {
      ...OPTS,
      control: 'B',
    });
    expect(new Set(r.metrics.map((m) => `${m.treatment} vs ${m.control}`))).toEqual(new Set(['A vs B', 'C vs B']));
    expect(r.guardrails_all.map((g) => g.treatment)).toEqual(['A', 'C']);
  });

  it('warns in plain words about a sample ratio mismatch, conflicting accounts and a missing pre-period', () => {
    // 1000 vs 1200 at 50/50: GrowthBook's p = 0.000020079 < 0.001.
    const accounts = [...arm('A', Array(1000).fill(1)), ...arm('B', Array(1200).fill(2))];
    accounts[0]!.variants = 2;
    const r = compareArms(accounts, OPTS);
    expect(r.srm.ok).toBe(false);
    expect(r.srm.expected).toEqual([1100, 1100]);
    expect(r.conflicting_accounts).toBe(1);
    expect(r.warnings.join('\n')).toMatch(/sample ratio mismatch.*cannot be trusted/);
    expect(r.warnings.join('\n')).toMatch(/1 account\(s\) carry more than one variant/);
    expect(r.warnings.join('\n')).toMatch(/CUPED was not applied/);
  });

  it('counts a designed arm with no accounts as observed 0 in the SRM check', () => {
    const r = compareArms([...arm('A', [1, 2, 3]), ...arm('B', [1, 2, 3])], { ...OPTS, split: { A: 1, B: 1, C: 1 } });
    expect(r.srm.observed).toEqual([3, 3, 0]);
    expect(r.srm.expected).toEqual([2, 2, 2]);
  });

  it('refuses one arm, an arm of one account and an unknown control with a UserError', () => {
    const expectUserError = (f: () => unknown, code: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isUserError(e) && e.code).toBe(code);
      }
    };
    expectUserError(() => compareArms(arm('A', [1, 2]), OPTS), 'ab_one_arm');
    expectUserError(() => compareArms([...arm('A', [1, 2]), ...arm('B', [1])], OPTS), 'ab_arm_too_small');
    expectUserError(
      () => compareArms([...arm('A', [1, 2]), ...arm('B', [1, 3])], { ...OPTS, control: 'Z' }),
      'ab_unknown_control',
    );
  });
});

describe('compareArms reports the unadjusted lift beside CUPED, and a Bayesian chance to beat control', () => {
  it('gives the plain difference of means as abs_lift_unadjusted, next to the CUPED-adjusted abs_lift', () => {
    // Pre-period activity that predicts the window: CUPED applies and narrows the interval.
    const pre = (v: string, base: number) =>
      Array.from({ length: 41 }, (_, i) =>
        account(v, { issued: base + i * 10 + (i % 3), issued_pre: i * 10, active_pre: true }),
      );
    const m = issuedRow(compareArms([...pre('A', 100), ...pre('B', 110)], OPTS));
    expect(m.cuped.applied).toBe(true);
    expect(m.abs_lift_unadjusted).toBeCloseTo(m.mean_treatment! - m.mean_control!, 10);
    expect(m.abs_ci_unadjusted![1] - m.abs_ci_unadjusted![0]).toBeGreaterThan(m.abs_ci![1] - m.abs_ci![0]);
  });

  it('gives the GrowthBook chance to beat control: Gaussian on means, binomial on the retained share', () => {
    const r = compareArms([...arm('A', withMoments(11, 10, 0.25)), ...arm('B', withMoments(11, 10.5, 1))], OPTS);
    const m = issuedRow(r);
    // ln(10.5/10) / sqrt(0.25/(11·100) + 1/(11·110.25)): the log-normal model of gbstats.
    const z = Math.log(1.05) / Math.sqrt(0.25 / 1100 + 1 / (11 * 110.25));
    expect(m.chance_to_beat_control!).toBeGreaterThan(0.5);
    expect(m.chance_to_beat_control!).toBeCloseTo(0.5 * (1 + erf(z / Math.SQRT2)), 6);
    const retained = compareArms(
      [
        ...Array.from({ length: 100 }, (_, i) => account('A', { retained: i < 49 ? 1 : 0 })),
        ...Array.from({ length: 100 }, (_, i) => account('B', { retained: i < 51 ? 1 : 0 })),
      ],
      OPTS,
    ).metrics.find((x) => x.metric === 'retained')!;
    expect(round5(retained.chance_to_beat_control!)).toBe(0.61052); // GrowthBook's binomial case, 49/100 vs 51/100
  });
});

/** Abramowitz–Stegun 7.1.26 is too coarse here; a series is exact enough for |x| < 3. */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 80; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
