import { bandThreshold, robustBand } from '../src/stats/robust-band.ts';
import { robustStats, robustZ } from '../src/stats/robust-z.ts';

const YEAR_MS = 365 * 86_400_000;

/**
 * The daily chart's detector (src/stats/robust-band.ts, which weekdayBand of src/audit/series.ts runs with period 7)
 * over a series of any period: median of the same phase over the previous `periods` periods, log scale for positive
 * data, robust z of the residual against the trailing residuals, two-sided, at the threshold of a false-alarm rate
 * `alpha` per year of points at this sampling step (Bonferroni). `floor`: also the audit's effect size for a
 * program total, at least `ratio` × the expected value up or at most 1 / `ratio` of it down.
 */
export function bandSpikes(
  values: readonly number[],
  period: number,
  periods: number,
  alpha: number,
  stepMs: number,
  ratio: number | null,
): { spikes: boolean[]; threshold: number } {
  const threshold = bandThreshold(alpha, Math.round(YEAR_MS / stepMs));
  const band = robustBand(values, { period, periods }, threshold);
  const spikes = band.map(({ expected: e, beyond }, i) => {
    if (beyond === 0) return false;
    if (ratio === null) return true;
    return e !== null && e > 0 && (beyond === 1 ? values[i] >= ratio * e : values[i] <= e / ratio);
  });
  return { spikes, threshold };
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
