/**
 * Welch's unequal-variance t-test with absolute and relative lift, following GrowthBook's frequentist TTest
 * (gbstats/frequentist/tests.py): relative lift by the delta method with zero covariance between arms, and one
 * Welch–Satterthwaite dof (from the raw per-arm variances) for both the absolute and the relative interval.
 */
import { tCdf, tQuantile } from './distributions.ts';

/** One arm reduced to what the test needs; variance is the sample variance (n − 1 denominator). */
export interface ArmSummary {
  n: number;
  mean: number;
  variance: number;
}

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface WelchOptions {
  /** 1 − confidence level; 0.05 gives 95 % intervals. */
  alpha?: number;
  /** 'greater' tests treatment > control. */
  alternative?: Alternative;
}

/** A lift with its standard error, interval (±Infinity on the open side of a one-sided test) and p-value. */
export interface Lift {
  estimate: number;
  se: number;
  ci: [number, number];
  pValue: number;
}

export interface WelchResult {
  /** (treatment − control) / se of the absolute difference. */
  t: number;
  dof: number;
  absolute: Lift;
  /** (treatment − control) / |control|; null when the control mean is 0 and the ratio is undefined. */
  relative: Lift | null;
}

/** Mean and sample variance from sums, as gbstats' SampleMeanStatistic: var = (Σx² − (Σx)²/n) / (n − 1). */
export function summaryFromSums(n: number, sum: number, sumSquares: number): ArmSummary {
  if (!(n >= 2)) throw new RangeError(`an arm needs at least 2 units, got ${n}`);
  return { n, mean: sum / n, variance: (sumSquares - (sum * sum) / n) / (n - 1) };
}

/** Mean and sample variance of raw values; two-pass so large means do not swamp the variance. */
export function summarize(values: ArrayLike<number>): ArmSummary {
  const n = values.length;
  if (n < 2) throw new RangeError(`an arm needs at least 2 units, got ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return { n, mean, variance: squares / (n - 1) };
}

/** Welch–Satterthwaite degrees of freedom. */
export function welchDof(control: ArmSummary, treatment: ArmSummary): number {
  const a = control.variance / control.n;
  const b = treatment.variance / treatment.n;
  return (a + b) ** 2 / (a ** 2 / (control.n - 1) + b ** 2 / (treatment.n - 1));
}

/** Welch test of treatment against control on summary statistics. */
export function welchTest(control: ArmSummary, treatment: ArmSummary, options: WelchOptions = {}): WelchResult {
  const alpha = options.alpha ?? 0.05;
  const alternative = options.alternative ?? 'two-sided';
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  for (const arm of [control, treatment]) {
    if (!(arm.n >= 2)) throw new RangeError(`an arm needs at least 2 units, got ${arm.n}`);
    if (!(arm.variance >= 0)) throw new RangeError(`variance must be non-negative, got ${arm.variance}`);
  }
  // Two constant arms have no sampling variance: fall back to pooled dof so the result stays finite.
  const rawDof = welchDof(control, treatment);
  const dof = Number.isFinite(rawDof) ? rawDof : control.n + treatment.n - 2;

  const diff = treatment.mean - control.mean;
  const absVar = treatment.variance / treatment.n + control.variance / control.n;
  const absolute = lift(diff, Math.sqrt(absVar), dof, alpha, alternative);

  let relative: Lift | null = null;
  if (control.mean !== 0) {
    const m0 = control.mean;
    const relVar =
      treatment.variance / treatment.n / m0 ** 2 + ((control.variance / control.n) * treatment.mean ** 2) / m0 ** 4;
    relative = lift(diff / Math.abs(m0), Math.sqrt(relVar), dof, alpha, alternative);
  }
  return { t: absolute.se > 0 ? diff / absolute.se : tOfDegenerate(diff), dof, absolute, relative };
}

/** Welch test on raw per-unit values. */
export function welchTestSamples(
  control: ArrayLike<number>,
  treatment: ArrayLike<number>,
  options: WelchOptions = {},
): WelchResult {
  return welchTest(summarize(control), summarize(treatment), options);
}

function tOfDegenerate(diff: number): number {
  return diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
}

function lift(estimate: number, se: number, dof: number, alpha: number, alternative: Alternative): Lift {
  if (se === 0) {
    // No variance: the estimate is certain; any non-zero difference is as significant as it gets.
    const pValue = estimate === 0 ? 1 : 0;
    return { estimate, se, ci: [estimate, estimate], pValue };
  }
  const t = estimate / se;
  if (alternative === 'two-sided') {
    const half = tQuantile(1 - alpha / 2, dof) * se;
    // 2·P(T ≤ −|t|) equals GrowthBook's 2·(1 − P(T ≤ |t|)) without losing digits in the far tail.
    return { estimate, se, ci: [estimate - half, estimate + half], pValue: 2 * tCdf(-Math.abs(t), dof) };
  }
  const width = tQuantile(1 - alpha, dof) * se;
  if (alternative === 'greater') {
    return { estimate, se, ci: [estimate - width, Infinity], pValue: tCdf(-t, dof) };
  }
  return { estimate, se, ci: [-Infinity, estimate + width], pValue: tCdf(t, dof) };
}
