/**
 * Distribution functions for the A/B statistics: a thin typed wrapper over jstat.
 *
 * Why jstat (compared in the npm lists, Nov 2026):
 * - jstat 1.9.6 (MIT, ~2.1 M downloads a month): one package with no dependencies (1.2 MB installed) that has the
 *   Student t, normal and chi-square CDFs and quantiles we need. Its quantiles agree with SciPy to ~1e-10, far below
 *   the 5 decimals GrowthBook asserts. Drawbacks: releases are rare and it ships no types (see jstat.d.ts).
 * - @stdlib/stats-base-dists-* are better maintained and Boost-accurate, but the five functions are five packages,
 *   each pulling its own tree of @stdlib/math packages, and the umbrella @stdlib/stats installs 437 MB.
 * - simple-statistics has no t CDF/quantile and tabulates the normal and chi-square, so it cannot reproduce
 *   GrowthBook's p-values to 9 decimals.
 * The existing hand-written src/stats/student-t.ts stays for the interval code that already uses it.
 */
import { createRequire } from 'node:module';
import type jstatModule from 'jstat';

/**
 * jstat, required on first use: most commands that load these functions (a report, through the group breakdown's
 * intervals) never call them, and the package costs start-up CPU whenever it is imported.
 */
let loaded: (typeof jstatModule)['jStat'] | undefined;
const jStat = () => {
  loaded ??= (createRequire(import.meta.url)('jstat') as typeof jstatModule).jStat;
  return loaded;
};

function checkDof(dof: number): void {
  if (!(dof > 0)) throw new RangeError(`degrees of freedom must be positive, got ${dof}`);
}

function checkProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
}

/** P(Z ≤ z) for the standard normal. */
export function normalCdf(z: number): number {
  if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
  return jStat().normal.cdf(z, 0, 1);
}

/** The p-quantile of the standard normal. */
export function normalQuantile(p: number): number {
  checkProbability(p);
  return jStat().normal.inv(p, 0, 1);
}

/** P(T ≤ t) for T ~ t(dof); an infinite dof is the normal limit (jstat would return NaN). */
export function tCdf(t: number, dof: number): number {
  checkDof(dof);
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  if (!Number.isFinite(dof)) return normalCdf(t);
  return jStat().studentt.cdf(t, dof);
}

/** The p-quantile of t(dof). */
export function tQuantile(p: number, dof: number): number {
  checkDof(dof);
  checkProbability(p);
  if (!Number.isFinite(dof)) return normalQuantile(p);
  return jStat().studentt.inv(p, dof);
}

/**
 * P(X > x) for X ~ χ²(dof). Computed as 1 − CDF like GrowthBook's checkSrm, so values below ~1e-16 round to 0;
 * that is far past any threshold we use (SRM warns at 0.001).
 */
export function chiSquareSurvival(x: number, dof: number): number {
  checkDof(dof);
  if (!(x > 0)) return 1;
  if (!Number.isFinite(x)) return 0;
  return Math.max(0, 1 - jStat().chisquare.cdf(x, dof));
}
