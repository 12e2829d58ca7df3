import { giniWeightedSorted } from '../stats/gini.ts';
import { Xoshiro128 } from '../stats/prng.ts';
import { quantileSorted } from '../stats/quantile.ts';

/** One arm: per-account values of each bootstrapped metric (same account order in every array). */
export type ArmValues = readonly Float64Array[];

export interface ArmBootstrapOptions {
  resamples: number;
  seed: number;
  /** Coverage of the intervals; default 0.95. */
  level?: number;
}

export interface ArmBootstrapResult {
  /** Per metric: percentile interval of median(treatment) − median(control). */
  medianDiff: ([number, number] | null)[];
  /** Percentile interval of Gini(treatment) − Gini(control) of metric 0; null when a Gini is undefined. */
  giniDiff: [number, number] | null;
}

/**
 * Seeded percentile bootstrap for the difference of medians (every metric) and of Ginis (metric 0) between two
 * arms. Each arm is resampled with replacement at its own size, independently; one resample of accounts serves
 * every metric, held as counts per account (O(n) per resample, no sorting after the first). The same seed and
 * values give the same intervals.
 */
export function bootstrapArms(control: ArmValues, treatment: ArmValues, opts: ArmBootstrapOptions): ArmBootstrapResult {
  const level = opts.level ?? 0.95;
  if (!(Number.isInteger(opts.resamples) && opts.resamples > 0))
    throw new RangeError(`resamples must be a positive integer, got ${opts.resamples}`);
  const rng = new Xoshiro128(opts.seed);
  const arms = [new Resampled(control), new Resampled(treatment)];
  const metrics = control.length;
  const medians = Array.from({ length: metrics }, () => new Float64Array(opts.resamples));
  const ginis: number[] = [];
  for (let b = 0; b < opts.resamples; b++) {
    for (const arm of arms) arm.draw(rng);
    for (let m = 0; m < metrics; m++) medians[m]![b] = arms[1]!.median(m) - arms[0]!.median(m);
    const g0 = arms[0]!.gini(0);
    const g1 = arms[1]!.gini(0);
    if (g0 !== null && g1 !== null) ginis.push(g1 - g0);
  }
  return {
    medianDiff: medians.map((d) => percentile(d, level)),
    giniDiff: percentile(Float64Array.from(ginis), level),
  };
}

function percentile(stats: Float64Array, level: number): [number, number] | null {
  if (stats.length === 0) return null;
  stats.sort();
  const alpha = (1 - level) / 2;
  return [quantileSorted(stats, alpha)!, quantileSorted(stats, 1 - alpha)!];
}

/**
 * An arm's accounts with each metric's values sorted. A resample is drawn straight as counts over the positions of
 * metric 0's sorted order (a uniform draw of accounts is a uniform draw of positions in any fixed order); the other
 * metrics read those counts through the permutation from their sorted order to metric 0's.
 */
class Resampled {
  private readonly sorted: Float64Array[];
  /** via[m][i]: the position in metric 0's order of the account at position i of metric m's order. */
  private readonly via: Uint32Array[];
  /** The resample's counts in the sorted order of each metric (filled by `draw`). */
  private readonly sortedCounts: Uint32Array[];

  constructor(values: ArmValues) {
    const n = values[0]?.length ?? 0;
    if (n === 0) throw new RangeError('an arm needs at least one account');
    const order = values.map((v) => Uint32Array.from(v.keys()).sort((a, b) => v[a]! - v[b]!));
    this.sorted = values.map((v, m) => Float64Array.from(order[m]!, (i) => v[i]!));
    const rank0 = new Uint32Array(n);
    order[0]!.forEach((account, pos) => {
      rank0[account] = pos;
    });
    this.via = order.map((o) => Uint32Array.from(o, (account) => rank0[account]!));
    this.sortedCounts = values.map(() => new Uint32Array(n));
  }

  draw(rng: Xoshiro128): void {
    const base = this.sortedCounts[0]!;
    base.fill(0);
    rng.addUniformCounts(base, base.length);
    for (let m = 1; m < this.via.length; m++) {
      const via = this.via[m]!;
      const target = this.sortedCounts[m]!;
      for (let i = 0; i < via.length; i++) target[i] = base[via[i]!]!;
    }
  }

  /** Type-7 median of the resample: the mean of the values at 0-based ranks ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉. */
  median(m: number): number {
    const counts = this.sortedCounts[m]!;
    const sorted = this.sorted[m]!;
    const n = counts.length;
    const lo = Math.floor((n - 1) / 2);
    const hi = Math.ceil((n - 1) / 2);
    let seen = 0;
    let low = NaN;
    for (let i = 0; i < n; i++) {
      seen += counts[i]!;
      if (Number.isNaN(low) && seen > lo) low = sorted[i]!;
      if (seen > hi) return (low + sorted[i]!) / 2;
    }
    return low;
  }

  gini(m: number): number | null {
    return giniWeightedSorted(this.sorted[m]!, this.sortedCounts[m]!);
  }
}
