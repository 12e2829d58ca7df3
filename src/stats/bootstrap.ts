import { giniSorted, giniWeightedSorted } from './gini.ts';
import { Xoshiro128 } from './prng.ts';
import { GroupDraws } from './draw-wasm.ts';
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
 * The resamples of a percentile bootstrap of the population Gini: resample the n values with replacement and take
 * the Gini of each resample. A resample that is all zeros has no Gini and is left out.
 * Each resample is held as counts over the runs of equal sorted values (sums of points repeat a lot: 100,000 accounts
 * hold about 600 distinct sums), so it costs n draws and a pass over the runs, and never sorts again. The draws are
 * those of counting every sorted position, so the Ginis are the same up to the order of floating-point summation.
 * Resample r takes draws r·n … (r + 1)·n − 1 of the seed's stream, wherever and in whatever order it is drawn.
 */
export class GiniResamples {
  readonly resamples: number;
  readonly level: number;
  /** False when the Gini itself is undefined (no values, or all 0): there is no interval. */
  readonly defined: boolean;
  private readonly seed: number;
  /** The distinct values, ascending. */
  private readonly values: Float64Array;
  /** groupOf[i]: the index in `values` of the i-th smallest of the n values (16 bits when they fit: faster draws). */
  private readonly groupOf: Uint16Array | Uint32Array;
  private readonly counts: Uint32Array;
  /** The draw loop in WebAssembly (half the CPU), made on the first draw; null where it cannot draw these. */
  private fast: GroupDraws | null | undefined;

  constructor(values: ArrayLike<number>, opts: BootstrapOptions = {}) {
    const { resamples, seed, level } = { ...DEFAULT_BOOTSTRAP, ...opts };
    if (!(Number.isInteger(resamples) && resamples > 0))
      throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
    if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    const sorted = Float64Array.from(values).sort();
    const groupOf = new Uint32Array(sorted.length);
    const distinct: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
      groupOf[i] = distinct.length - 1;
    }
    this.groupOf = distinct.length <= 65536 ? Uint16Array.from(groupOf) : groupOf;
    this.values = Float64Array.from(distinct);
    this.counts = new Uint32Array(distinct.length);
    this.resamples = resamples;
    this.level = level;
    this.seed = seed;
    this.defined = giniSorted(sorted) !== null;
  }

  /** The generator at the first draw of resample `from`. */
  streamAt(from: number): Xoshiro128 {
    const rng = new Xoshiro128(this.seed);
    rng.jump(from * this.groupOf.length);
    return rng;
  }

  /** Draws `count` resamples from `rng` (at a resample's first draw) and adds their Ginis to `into`. */
  draw(rng: Xoshiro128, count: number, into: number[]): void {
    const n = this.groupOf.length;
    if (this.fast === undefined)
      this.fast = this.groupOf instanceof Uint16Array ? GroupDraws.of(this.groupOf, this.values.length) : null;
    const add = (counts: Uint32Array) => {
      const g = giniWeightedSorted(this.values, counts);
      if (g !== null) into.push(g);
    };
    let r = 0;
    if (this.fast?.lanes) for (; r + 4 <= count; r += 4) for (const counts of this.fast.resample4(rng, n)) add(counts);
    for (; r < count; r++) {
      if (this.fast) add(this.fast.resample(rng, n));
      else {
        this.counts.fill(0);
        rng.addUniformCounts(this.counts, n, this.groupOf);
        add(this.counts);
      }
    }
  }

  /** The (1 − level)/2 and (1 + level)/2 quantiles of the Ginis of every resample, in any order. */
  interval(ginis: ArrayLike<number>): [number, number] | null {
    if (!this.defined || ginis.length === 0) return null;
    const ordered = Float64Array.from(ginis).sort();
    const alpha = (1 - this.level) / 2;
    return [quantileSorted(ordered, alpha) as number, quantileSorted(ordered, 1 - alpha) as number];
  }
}

/**
 * Percentile bootstrap interval for the population Gini (GiniResamples), the resamples drawn in order on this thread.
 * Null when the Gini itself is undefined (no values, or all 0).
 * The work can be done in steps (`step`), so that a caller can interleave it with other work; the result does not
 * depend on how it was split.
 */
export class GiniBootstrap {
  private readonly resamples: GiniResamples;
  private readonly rng: Xoshiro128;
  private readonly stats: number[] = [];
  private drawn = 0;

  constructor(values: ArrayLike<number>, opts: BootstrapOptions = {}) {
    this.resamples = new GiniResamples(values, opts);
    this.rng = this.resamples.streamAt(0);
  }

  get done(): boolean {
    return !this.resamples.defined || this.drawn >= this.resamples.resamples;
  }

  /** Draws up to `count` more resamples. */
  step(count: number): void {
    if (this.done) return;
    const k = Math.min(count, this.resamples.resamples - this.drawn);
    this.resamples.draw(this.rng, k, this.stats);
    this.drawn += k;
  }

  /** The interval once every resample is drawn (draws what is left). */
  interval(): [number, number] | null {
    this.step(Number.POSITIVE_INFINITY);
    return this.resamples.interval(this.stats);
  }
}

/** The bootstrap interval in one call (see GiniBootstrap). */
export function bootstrapGini(values: ArrayLike<number>, opts: BootstrapOptions = {}): [number, number] | null {
  return new GiniBootstrap(values, opts).interval();
}
