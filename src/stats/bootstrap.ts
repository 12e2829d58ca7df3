import { giniSorted, giniWeightedSorted } from './gini.ts';
import { Xoshiro128 } from './prng.ts';
import { quantileSorted } from './quantile.ts';

export interface BootstrapOptions {
  /** Number of resamples; default 1,000. */
  resamples?: number;
  /** Seed of the generator: the same seed and values give the same interval. Default 1. */
  seed?: number;
  /** Coverage of the interval; default 0.95. */
  level?: number;
}

export const DEFAULT_BOOTSTRAP = { resamples: 1000, seed: 1, level: 0.95 } as const;

/**
 * Percentile bootstrap interval for the population Gini: resample the n values with replacement, take the Gini of
 * each resample, and return the (1 − level)/2 and (1 + level)/2 quantiles of those Ginis.
 * Null when the Gini itself is undefined (no values, or all 0). A resample that is all zeros has no Gini and is
 * left out of the quantiles.
 * Each resample is held as counts over the sorted values, so it costs O(n) and never sorts again.
 */
export function bootstrapGini(values: ArrayLike<number>, opts: BootstrapOptions = {}): [number, number] | null {
  const { resamples, seed, level } = { ...DEFAULT_BOOTSTRAP, ...opts };
  if (!(Number.isInteger(resamples) && resamples > 0)) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (giniSorted(sorted) === null) return null;
  const rng = new Xoshiro128(seed);
  const counts = new Uint32Array(n);
  const stats: number[] = [];
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    rng.addUniformCounts(counts, n);
    const g = giniWeightedSorted(sorted, counts);
    if (g !== null) stats.push(g);
  }
  if (stats.length === 0) return null;
  const ordered = Float64Array.from(stats).sort();
  const alpha = (1 - level) / 2;
  return [quantileSorted(ordered, alpha) as number, quantileSorted(ordered, 1 - alpha) as number];
}
