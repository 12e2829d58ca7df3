/**
 * Robust location and spread (median, MAD) and the modified z-score of Iglewicz & Hoaglin (1993), used by the
 * spike checks: a day is compared with its own trailing baseline, which one outlier cannot drag along.
 */

/** Converts an unscaled MAD to a consistent estimate of σ for normal data (1 / Φ⁻¹(3/4)). */
export const MAD_SCALE = 1.4826;
/** Φ⁻¹(3/4): 0.6745·(x − median)/MAD equals (x − median)/(1.4826·MAD). */
export const MODIFIED_Z_FACTOR = 0.6745;
/** √(π/2): scales a mean absolute deviation to σ for normal data; the fallback when MAD is 0. */
export const MEAN_AD_SCALE = 1.253314;

export interface RobustStats {
  count: number;
  median: number;
  /** Unscaled median absolute deviation from the median. */
  mad: number;
  /** Mean absolute deviation from the median, the spread used when more than half the values tie. */
  meanAbsDev: number;
}

/** Median of the finite values (mean of the middle two for an even count); null when there are none. */
export function median(values: Iterable<number>): number | null {
  const sorted = Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
  return sorted.length === 0 ? null : middle(sorted);
}

/**
 * The middle of sorted values. A typed array sorts numbers without a comparator call per pair: the spike checks take
 * two medians for every day and rule they judge (the Health page's daily chart does so on every request).
 */
function middle(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Location and spread of the finite values, or null when there are none. */
export function robustStats(values: Iterable<number>): RobustStats | null {
  const finite = Array.from(values).filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return null;
  const m = middle(Float64Array.from(finite).sort());
  // The deviations summed in the values' own order, as before: the mean's last bits do not depend on the sort.
  const deviations = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    deviations[i] = Math.abs(finite[i] - m);
    sum += deviations[i];
  }
  return { count: n, median: m, mad: middle(deviations.sort()), meanAbsDev: sum / n };
}

/** Unscaled MAD: median |x − median(x)|; null for no values. */
export function mad(values: Iterable<number>): number | null {
  return robustStats(values)?.mad ?? null;
}

/** MAD scaled by 1.4826 to estimate σ; null for no values. */
export function madScaled(values: Iterable<number>): number | null {
  const m = mad(values);
  return m === null ? null : MAD_SCALE * m;
}

/**
 * Modified z of x against a baseline: 0.6745·(x − median)/MAD.
 *
 * MAD = 0 happens whenever more than half the baseline ties (a sparse account with mostly zero days). Then the
 * spread falls back to the mean absolute deviation, (x − median)/(1.253314·meanAD), as in Iglewicz–Hoaglin
 * practice. When that is 0 too the baseline is constant: x equal to it scores 0, anything else returns null —
 * "infinitely unusual" is not a score, and the caller decides with an absolute floor (audit.md) instead.
 */
export function robustZ(x: number, baseline: RobustStats): number | null {
  const diff = x - baseline.median;
  if (baseline.mad > 0) return (MODIFIED_Z_FACTOR * diff) / baseline.mad;
  if (baseline.meanAbsDev > 0) return diff / (MEAN_AD_SCALE * baseline.meanAbsDev);
  return diff === 0 ? 0 : null;
}

export interface RollingOptions {
  /** How many preceding points form the baseline (the current point is never part of its own baseline). */
  window: number;
  /** Fewest finite points the window must hold; below it the baseline is null (not enough history). */
  minCount: number;
}

/**
 * Trailing baseline for every point of a series: the robust stats of the `window` points before it, skipping
 * non-finite ones (missing days). Entry i is null while fewer than `minCount` finite points precede it.
 */
export function rollingBaseline(series: readonly number[], options: RollingOptions): (RobustStats | null)[] {
  const { window, minCount } = options;
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  if (!Number.isInteger(minCount) || minCount < 1 || minCount > window) {
    throw new RangeError(`minCount must be an integer in 1..window (${window}), got ${minCount}`);
  }
  return series.map((_, i) => {
    const stats = robustStats(series.slice(Math.max(0, i - window), i));
    return stats !== null && stats.count >= minCount ? stats : null;
  });
}
