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
 * Each resample is held as counts over the runs of equal sorted values (sums of points repeat a lot: 100,000 accounts
 * hold about 600 distinct sums), so it costs n draws and a pass over the runs, and never sorts again. The draws are
 * those of counting every sorted position, so the Ginis are the same up to the order of floating-point summation.
 * The work can be done in steps (`step`), so that a caller can interleave it with other work; the result does not
 * depend on how it was split.
 */
export class GiniBootstrap {
  /** The distinct values, ascending. */
  private readonly values: Float64Array;
  /** groupOf[i]: the index in `values` of the i-th smallest of the n values. */
  private readonly groupOf: Uint32Array;
  private readonly rng: Xoshiro128;
  private readonly counts: Uint32Array;
  private readonly stats: number[] = [];
  private readonly resamples: number;
  private readonly level: number;
  private drawn = 0;
  private readonly defined: boolean;

  constructor(values: ArrayLike<number>, opts: BootstrapOptions = {}) {
    const { resamples, seed, level } = { ...DEFAULT_BOOTSTRAP, ...opts };
    if (!(Number.isInteger(resamples) && resamples > 0))
      throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
    if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
    const sorted = Float64Array.from(values).sort();
    this.groupOf = new Uint32Array(sorted.length);
    const distinct: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
      this.groupOf[i] = distinct.length - 1;
    }
    this.values = Float64Array.from(distinct);
    this.rng = new Xoshiro128(seed);
    this.counts = new Uint32Array(distinct.length);
    this.resamples = resamples;
    this.level = level;
    this.defined = giniSorted(sorted) !== null;
  }

  get done(): boolean {
    return !this.defined || this.drawn >= this.resamples;
  }

  /** Draws up to `count` more resamples. */
  step(count: number): void {
    const n = this.groupOf.length;
    const until = Math.min(this.resamples, this.drawn + count);
    for (; this.drawn < until && this.defined; this.drawn++) {
      this.counts.fill(0);
      this.rng.addUniformCounts(this.counts, n, this.groupOf);
      const g = giniWeightedSorted(this.values, this.counts);
      if (g !== null) this.stats.push(g);
    }
  }

  /** The interval once every resample is drawn (draws what is left). */
  interval(): [number, number] | null {
    this.step(Number.POSITIVE_INFINITY);
    if (this.stats.length === 0) return null;
    const ordered = Float64Array.from(this.stats).sort();
    const alpha = (1 - this.level) / 2;
    return [quantileSorted(ordered, alpha) as number, quantileSorted(ordered, 1 - alpha) as number];
  }
}

/** The bootstrap interval in one call (see GiniBootstrap). */
export function bootstrapGini(values: ArrayLike<number>, opts: BootstrapOptions = {}): [number, number] | null {
  return new GiniBootstrap(values, opts).interval();
}
