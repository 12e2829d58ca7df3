import { binomialBayes, gaussianBayes, type Proportion } from '../stats/bayes.ts';
import { mannWhitneyU } from '../stats/mann-whitney.ts';
import { minimumDetectableEffect } from '../stats/mde.ts';
import { type ArmSummary, summarize, welchTest } from '../stats/welch.ts';
import { cuped } from './cuped.ts';
import { ratioSummary } from './ratio.ts';
import { capAt, winsorCap } from './winsorize.ts';

/** One metric's test, before the family-wide Holm correction and the verdict. */
export interface MetricTest {
  method: 'welch' | 'delta';
  mean_control: number | null;
  mean_treatment: number | null;
  abs_lift: number | null;
  abs_ci: [number, number] | null;
  abs_lift_unadjusted: number | null;
  abs_ci_unadjusted: [number, number] | null;
  chance_to_beat_control: number | null;
  rel_lift: number | null;
  rel_ci: [number, number] | null;
  p: number | null;
  mw_p: number | null;
  cuped: { applied: boolean; theta: number | null; variance_reduction: number | null };
  winsor_cap: number | null;
  mde: { absolute: number | null; relative: number | null };
}

export interface TestOptions {
  alpha: number;
  winsorize: boolean;
  /** 0/1 values (retained): the chance to beat control uses GrowthBook's binomial model. */
  binary?: boolean;
}

/** A pair of arrays, control first. */
export type Pair = readonly [Float64Array, Float64Array];

const NO_CUPED: MetricTest['cuped'] = { applied: false, theta: null, variance_reduction: null };

/**
 * A per-account mean metric: Welch t on the values (CUPED-adjusted when a pre-period covariate is given and
 * informative; winsorised first when asked), Mann–Whitney U on the raw values, MDE at the observed n and variance.
 * mean_control / mean_treatment are the raw means, what a reader recognises; the lift is of the analysed values.
 */
export function testMeans(values: Pair, covariate: Pair | null, opts: TestOptions): MetricTest {
  const [rawC, rawT] = values;
  let [c, t] = values;
  let cap: number | null = null;
  let cov = covariate;
  if (opts.winsorize) {
    cap = winsorCap(concat(c, t));
    if (cap !== null) [c, t] = [capAt(c, cap), capAt(t, cap)];
    if (cov) {
      const covCap = winsorCap(concat(cov[0], cov[1]));
      if (covCap !== null) cov = [capAt(cov[0], covCap), capAt(cov[1], covCap)];
    }
  }
  const unadjusted = welchTest(summarize(c), summarize(t), { alpha: opts.alpha }).absolute;
  let cupedInfo = NO_CUPED;
  if (cov) {
    const adjusted = cuped(concat(c, t), concat(cov[0], cov[1]));
    if (adjusted) {
      [c, t] = [adjusted.adjusted.subarray(0, c.length), adjusted.adjusted.subarray(c.length)];
      cupedInfo = { applied: true, theta: adjusted.theta, variance_reduction: adjusted.varianceReduction };
    }
  }
  const sc = summarize(c);
  const st = summarize(t);
  return {
    method: 'welch',
    mean_control: mean(rawC),
    mean_treatment: mean(rawT),
    ...lifts(sc, st, opts.alpha),
    abs_lift_unadjusted: unadjusted.estimate,
    abs_ci_unadjusted: unadjusted.ci,
    chance_to_beat_control: opts.binary
      ? (binomialBayes(successes(rawC), successes(rawT))?.chanceToWin ?? null)
      : (gaussianBayes(sc, st)?.chanceToWin ?? null),
    mw_p: mannWhitneyU(rawT, rawC).pValue,
    cuped: cupedInfo,
    winsor_cap: cap,
    mde: mde(sc, st, opts.alpha),
  };
}

/**
 * A ratio of sums per arm (Σ numerator / Σ denominator), tested by the delta method (ratio.ts). No per-account
 * rank test (an account's own ratio is undefined when it earned nothing) and no CUPED.
 */
export function testRatio(numerator: Pair, denominator: Pair, opts: TestOptions): MetricTest {
  let [nc, nt] = numerator;
  let [dc, dt] = denominator;
  let cap: number | null = null;
  if (opts.winsorize) {
    cap = winsorCap(concat(nc, nt));
    const denCap = winsorCap(concat(dc, dt));
    if (cap !== null) [nc, nt] = [capAt(nc, cap), capAt(nt, cap)];
    if (denCap !== null) [dc, dt] = [capAt(dc, denCap), capAt(dt, denCap)];
  }
  const sc = ratioSummary(nc, dc);
  const st = ratioSummary(nt, dt);
  const base = { method: 'delta' as const, mw_p: null, cuped: NO_CUPED, winsor_cap: cap };
  if (!sc || !st) {
    return {
      ...base,
      mean_control: sc?.mean ?? null,
      mean_treatment: st?.mean ?? null,
      abs_lift: null,
      abs_ci: null,
      abs_lift_unadjusted: null,
      abs_ci_unadjusted: null,
      chance_to_beat_control: null,
      rel_lift: null,
      rel_ci: null,
      p: null,
      mde: { absolute: null, relative: null },
    };
  }
  // No CUPED on a ratio: the unadjusted lift is the lift.
  const l = lifts(sc, st, opts.alpha);
  return {
    ...base,
    mean_control: sc.mean,
    mean_treatment: st.mean,
    ...l,
    abs_lift_unadjusted: l.abs_lift,
    abs_ci_unadjusted: l.abs_ci,
    chance_to_beat_control: gaussianBayes(sc, st)?.chanceToWin ?? null,
    mde: mde(sc, st, opts.alpha),
  };
}

function lifts(sc: ArmSummary, st: ArmSummary, alpha: number) {
  const w = welchTest(sc, st, { alpha });
  return {
    abs_lift: w.absolute.estimate,
    abs_ci: w.absolute.ci,
    rel_lift: w.relative?.estimate ?? null,
    rel_ci: w.relative?.ci ?? null,
    p: w.absolute.pValue,
  };
}

function mde(sc: ArmSummary, st: ArmSummary, alpha: number) {
  const r = minimumDetectableEffect({
    nControl: sc.n,
    nTreatment: st.n,
    sdControl: Math.sqrt(sc.variance),
    sdTreatment: Math.sqrt(st.variance),
    baseline: sc.mean,
    alpha,
  });
  return { absolute: r.absolute, relative: r.relative };
}

function mean(values: Float64Array): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function successes(values: Float64Array): Proportion {
  let k = 0;
  for (const v of values) if (v > 0) k += 1;
  return { successes: k, n: values.length };
}
