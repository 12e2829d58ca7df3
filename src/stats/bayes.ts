/**
 * "Chance to beat control" as GrowthBook's default Bayesian engine reports it (gbstats, flat / Beta(1, 1) priors):
 * each arm's mean is given a posterior on the log scale, so the relative lift is log-normal, and
 *   chance = P(log μ_T − log μ_C > 0) = Φ(Δ / σ_Δ).
 * Sample means: log μ ≈ N(ln x̄, s² / (n x̄²)) (delta method). Proportions: μ ~ Beta(1 + k, 1 + n − k), whose log
 * has mean ψ(α) − ψ(α + β) and variance ψ₁(α) − ψ₁(α + β). Checked against gbstats' own test values.
 */
import { normalCdf, normalQuantile } from './distributions.ts';
import type { ArmSummary } from './welch.ts';

export interface BayesResult {
  /** P(treatment's mean > control's mean). */
  chanceToWin: number;
  /** Expected relative lift, e^Δ − 1. */
  expected: number;
  /** Credible interval of the relative lift. */
  ci: [number, number];
  /** The log-normal model of the relative lift: mean and sd of Δ on the log scale. */
  uplift: { mean: number; stddev: number };
}

/** Null when a mean is not positive (no log) or an arm has fewer than 2 units. */
export function gaussianBayes(control: ArmSummary, treatment: ArmSummary, alpha = 0.05): BayesResult | null {
  if (control.n < 2 || treatment.n < 2 || !(control.mean > 0) || !(treatment.mean > 0)) return null;
  const logVar = (a: ArmSummary) => a.variance / (a.n * a.mean * a.mean);
  return result(Math.log(treatment.mean) - Math.log(control.mean), logVar(control) + logVar(treatment), alpha);
}

export interface Proportion {
  successes: number;
  n: number;
}

/** Null when an arm has no units. */
export function binomialBayes(control: Proportion, treatment: Proportion, alpha = 0.05): BayesResult | null {
  if (control.n <= 0 || treatment.n <= 0) return null;
  const logMoments = (p: Proportion) => {
    const a = 1 + p.successes;
    const b = 1 + p.n - p.successes;
    return { mean: digamma(a) - digamma(a + b), variance: trigamma(a) - trigamma(a + b) };
  };
  const c = logMoments(control);
  const t = logMoments(treatment);
  return result(t.mean - c.mean, c.variance + t.variance, alpha);
}

function result(mean: number, variance: number, alpha: number): BayesResult | null {
  const sd = Math.sqrt(variance);
  if (!Number.isFinite(mean) || !(sd > 0)) return null;
  const z = normalQuantile(1 - alpha / 2);
  return {
    chanceToWin: normalCdf(mean / sd),
    expected: Math.expm1(mean),
    ci: [Math.expm1(mean - z * sd), Math.expm1(mean + z * sd)],
    uplift: { mean, stddev: sd },
  };
}

/** ψ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series (error < 1e-12 there). */
export function digamma(x: number): number {
  let acc = 0;
  let v = x;
  while (v < 10) {
    acc -= 1 / v;
    v += 1;
  }
  const f = 1 / (v * v);
  return acc + Math.log(v) - 0.5 / v - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** ψ₁(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series. */
export function trigamma(x: number): number {
  let acc = 0;
  let v = x;
  while (v < 10) {
    acc += 1 / (v * v);
    v += 1;
  }
  const f = 1 / (v * v);
  return acc + 1 / v + f / 2 + (f / v) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)));
}
