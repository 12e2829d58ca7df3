import { normalQuantile } from './distributions.ts';
import { MEAN_AD_SCALE, MODIFIED_Z_FACTOR, robustStats, robustZ, type RobustStats } from './robust-z.ts';

/**
 * A two-sided robust band for a regularly sampled series with a known period (7 for daily data, the inferred one for
 * anything else): the expected value of a point is the median of the same phase in the `periods` periods before it,
 * and its residual is scored with a robust z against the residuals of the `periods · period` points before it, with
 * a spread of its own phase (trailingResidualStats), so one outlier moves neither the expected value nor the
 * spread. Positive data are scored on a log scale (a rise to 3× and a fall to a third are equally far, whatever the
 * series' size). A point is beyond the band when |z| exceeds the threshold, up or down.
 */
export interface BandOptions {
  period: number;
  periods: number;
}

export interface BandJudgement {
  /** Median of the same phase over the previous periods, on the series' own scale; null without enough history. */
  expected: number | null;
  lower: number | null;
  upper: number | null;
  /** Signed robust z of the residual on the band's scale; null when the history is constant (unusual without bound). */
  z: number | null;
  /** 1 above the band, −1 below it, 0 inside (or without history). */
  beyond: -1 | 0 | 1;
}

/**
 * Log scale when no value is negative: ln(x + c), c = 0 when every value is positive, else the smallest positive
 * value (a zero day sits one "smallest day" below it, on any points scale). Otherwise the values as they are.
 */
export function bandScale(values: readonly number[]): { to: (x: number) => number; from: (y: number) => number } {
  let least = Infinity;
  let zero = false;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < 0) return { to: (x) => x, from: (y) => y };
    if (v === 0) zero = true;
    else if (v < least) least = v;
  }
  if (least === Infinity) return { to: (x) => x, from: (y) => y };
  const c = zero ? least : 0;
  return { to: (x) => Math.log(x + c), from: (y) => Math.max(0, Math.exp(y) - c) };
}

/** Median of the same phase in the `periods` periods before each point; null with fewer than half of them known. */
export function phaseMedians(values: readonly number[], period: number, periods: number): (number | null)[] {
  // One buffer of fixed size, kept in order by insertion (a handful of values, no comparator calls): this runs for
  // every rule and day of an audit and of the Health page's daily chart. Emptying an array by its length instead
  // gave its storage back on every point, and it was most of the chart's CPU.
  const same = new Float64Array(Math.max(0, periods));
  const least = Math.ceil(periods / 2);
  const out: (number | null)[] = [];
  for (let i = 0; i < values.length; i++) {
    let n = 0;
    for (let k = 1; k <= periods && i - period * k >= 0; k++) {
      const v = values[i - period * k];
      if (!Number.isFinite(v)) continue;
      let j = n++;
      while (j > 0 && same[j - 1] > v) {
        same[j] = same[j - 1];
        j--;
      }
      same[j] = v;
    }
    const mid = n >> 1;
    out.push(n < least ? null : n % 2 === 1 ? same[mid] : (same[mid - 1] + same[mid]) / 2);
  }
  return out;
}

/** What a band needs per series, computed once; `judgeAt` then scores any point. */
export interface PreparedBand {
  values: readonly number[];
  expected: (number | null)[];
  /** Transformed values, their phase medians and residuals. */
  y: number[];
  residual: number[];
  scale: ReturnType<typeof bandScale>;
  options: BandOptions;
}

export function prepareBand(values: readonly number[], options: BandOptions): PreparedBand {
  const scale = bandScale(values);
  const y = values.map((v) => (Number.isFinite(v) ? scale.to(v) : NaN));
  const ey = phaseMedians(y, options.period, options.periods);
  const residual = y.map((v, i) => (ey[i] === null ? NaN : v - (ey[i] as number)));
  return { values, expected: phaseMedians(values, options.period, options.periods), y, residual, scale, options };
}

/**
 * Robust stats of the residuals before i, null with fewer than `periods` of the `periods · period` points before it
 * known: their median, and a spread of i's own phase. Phases differ (a thin weekend of the sample swings about three
 * times as far as its weekdays on the log scale), so one pooled spread made the weekdays' band as wide as the weekends'. The phase's own
 * residuals in the window are only `periods` points, though, and a MAD of eight points falls below half the true
 * spread one time in eight: its variance is averaged with the pooled one, each weighing as many points as a full
 * phase holds, so a phase with few points known leans on the pooled spread, and a steady one still narrows its band.
 */
export function trailingResidualStats(residual: readonly number[], i: number, o: BandOptions): RobustStats | null {
  const pooled = robustStats(residual.slice(Math.max(0, i - o.periods * o.period), i));
  if (pooled === null || pooled.count < o.periods) return null;
  const same: number[] = [];
  for (let k = 1; k <= o.periods && i - k * o.period >= 0; k++) same.push(residual[i - k * o.period]);
  const phase = robustStats(same);
  if (phase === null || o.period === 1) return pooled;
  const w = phase.count;
  const sigma = Math.sqrt((w * spread(phase) ** 2 + o.periods * spread(pooled) ** 2) / (w + o.periods));
  return { ...pooled, mad: sigma * MODIFIED_Z_FACTOR, meanAbsDev: sigma / MEAN_AD_SCALE };
}

/** σ of robust stats: the scaled MAD, else the scaled mean absolute deviation (more than half tie), else 0. */
const spread = (s: RobustStats) =>
  s.mad > 0 ? s.mad / MODIFIED_Z_FACTOR : s.meanAbsDev > 0 ? MEAN_AD_SCALE * s.meanAbsDev : 0;

export function judgeAt(band: PreparedBand, i: number, threshold: number): BandJudgement {
  const expected = band.expected[i];
  const stats = trailingResidualStats(band.residual, i, band.options);
  const r = band.residual[i];
  if (expected === null || stats === null || !Number.isFinite(r))
    return { expected, lower: null, upper: null, z: null, beyond: 0 };
  const z = robustZ(r, stats);
  const sigma = spread(stats);
  const centre = band.y[i] - r + stats.median;
  const up = z === null ? r > stats.median : z > threshold;
  const down = z === null ? r < stats.median : z < -threshold;
  return {
    expected,
    lower: band.scale.from(centre - threshold * sigma),
    upper: band.scale.from(centre + threshold * sigma),
    z,
    beyond: up ? 1 : down ? -1 : 0,
  };
}

export function robustBand(values: readonly number[], options: BandOptions, threshold: number): BandJudgement[] {
  const band = prepareBand(values, options);
  return values.map((_, i) => judgeAt(band, i, threshold));
}

/**
 * The z a point must pass, from a false-alarm rate instead of a constant: `alpha` false alarms per series over
 * `points` points (a year of them for a daily series), two-sided, Bonferroni: Φ⁻¹(1 − alpha / (2 · points)).
 * Daily data at alpha 0.01: 4.19; five-minute data (105,120 points a year): 5.34 (the NAB check, scripts/nab.ts).
 */
export function bandThreshold(alpha: number, points: number): number {
  return normalQuantile(1 - alpha / (2 * Math.max(1, points)));
}
