import { judgeSpikes } from '../src/audit/spike-days.ts';
import type { AuditSettings } from '../src/audit/settings.ts';
import { robustStats, robustZ } from '../src/stats/robust-z.ts';

/**
 * The daily chart's detector (judgeSpikes of src/audit/spike-days.ts, the one judgement the audit and the Health
 * chart share: a weekday-median band, robust z of the residual, at least (1 + min_excess_ratio) × expected) over a
 * series of any period, as a program total with no rules, campaigns or experiments. The band compares a point with
 * the points 7, 14, … steps before it; here
 * each phase of the period is laid out with six empty (NaN) steps between its points, so those are the same phase
 * one, two, … periods before. NaN is skipped by its medians, so the residual spread is that of the same phase over
 * the previous `weeks` periods (for daily data and period 7 it pools all weekdays: the one difference).
 */
export function periodicSpikes(values: readonly number[], period: number, settings: AuditSettings): boolean[] {
  const out = new Array<boolean>(values.length).fill(false);
  for (let phase = 0; phase < period; phase++) {
    const spread: number[] = [];
    for (let i = phase; i < values.length; i += period) spread.push(values[i], NaN, NaN, NaN, NaN, NaN, NaN);
    const series = {
      start: '2000-01-01',
      program: spread,
      rules: new Map(),
      ruleRows: new Map(),
      experiments: new Map(),
    };
    const { band } = judgeSpikes(series, 0, settings);
    for (let q = 0, i = phase; i < values.length; q++, i += period) out[i] = band[7 * q].spike;
  }
  return out;
}

/** The plain baseline: a point outside the trailing rolling median ± k·MAD (modified z beyond k either way). */
export function rollingMadSpikes(values: readonly number[], window: number, k: number): boolean[] {
  return values.map((v, i) => {
    if (i < window) return false;
    const stats = robustStats(values.slice(i - window, i));
    const z = stats ? robustZ(v, stats) : null;
    return z !== null && Math.abs(z) > k;
  });
}
