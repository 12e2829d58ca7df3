/**
 * A seeded pseudo-random generator: xoshiro128** (period 2^128 − 1), its state filled from the seed by splitmix32.
 * Domain code never calls Math.random(): the same seed gives the same stream on every platform, so a bootstrap
 * interval or an audit sample can be reproduced from its seed.
 */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    const init = splitmix32(seed);
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is xoshiro's one fixed point
  }

  /** The next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    const { a, b, c, d } = this;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    const c1 = c ^ a;
    const d1 = d ^ b;
    this.b = b ^ c1;
    this.a = a ^ d1;
    this.c = c1 ^ t;
    this.d = rotl(d1, 11);
    return result;
  }

  /** A double uniform in [0, 1) with 32 bits of randomness. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * Adds 1 to counts[k] for each of `draws` indices k uniform in [0, counts.length): a multinomial resample as
   * counts. Same stream as `draws` calls of uniform(); the step is inlined because a bootstrap makes tens of
   * millions of draws. With `groupOf`, k is uniform in [0, groupOf.length) and counted in counts[groupOf[k]]: a
   * resample of a sorted sample as counts per run of equal values (few runs keep counts in the fastest cache, and
   * whatever reads the counts visits runs, not positions).
   */
  addUniformCounts(counts: Uint32Array, draws: number, groupOf?: Uint32Array): void {
    const n = groupOf ? groupOf.length : counts.length;
    let { a, b, c, d } = this;
    for (let j = 0; j < draws; j++) {
      const x = Math.imul(b, 5);
      const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      const k = Math.floor((result / 4294967296) * n);
      counts[groupOf ? groupOf[k] : k] += 1;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
}

/** Doubles uniform in [0, 1), one a call: the statistics' resampling source (sample/rng.ts's Rng is the generator's). */
export type UniformRandom = () => number;

/** A generator of doubles uniform in [0, 1) for the given seed. */
export function createRng(seed: number): UniformRandom {
  const g = new Xoshiro128(seed);
  return () => g.uniform();
}

/** An integer uniform in [0, n); the bias is below n / 2^32, negligible for any realistic n. */
export function randomIndex(rng: UniformRandom, n: number): number {
  return Math.floor(rng() * n);
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
