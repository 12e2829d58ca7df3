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
   * whatever reads the counts visits runs, not positions). A Uint16Array `groupOf` (at most 65,536 runs) halves what
   * the random reads of it pull through the cache: at 100,000 positions the draws took half the time.
   */
  addUniformCounts(counts: Uint32Array, draws: number, groupOf?: Uint16Array | Uint32Array): void {
    const n = groupOf ? groupOf.length : counts.length;
    if (n > 2 ** 31) throw new RangeError(`at most 2^31 positions, got ${n}`);
    // uniform() * n rounds the exact result·n/2^32 once, and so does result * scale (scale = n/2^32 is exact): the
    // same double. It is below n ≤ 2^31, so truncating it with |0 is Math.floor, without the call.
    const scale = n / 4294967296;
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
      const k = (result * scale) | 0;
      counts[groupOf ? groupOf[k] : k] += 1;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** Writes the state's four words to `into` (a draw loop outside this class, src/stats/draw-wasm.ts, takes it on). */
  saveState(into: Uint32Array): void {
    into[0] = this.a;
    into[1] = this.b;
    into[2] = this.c;
    into[3] = this.d;
  }

  /** Takes the state saveState wrote, as the loop that drew from it left it. */
  loadState(from: Uint32Array): void {
    // As signed words, the form every other method keeps them in (their outputs are the same either way).
    this.a = from[0] | 0;
    this.b = from[1] | 0;
    this.c = from[2] | 0;
    this.d = from[3] | 0;
  }

  /**
   * Moves the generator on as `draws` calls of nextUint32() would, in about a millisecond whatever the count: a
   * bootstrap's resamples can then be drawn in parts, on several threads, each from the state its first draw has in
   * the one stream, and the draws stay those of drawing them in order.
   */
  jump(draws: number): void {
    if (!(Number.isSafeInteger(draws) && draws >= 0))
      throw new RangeError(`draws must be a safe integer ≥ 0, got ${draws}`);
    const state = Uint32Array.of(this.a, this.b, this.c, this.d);
    for (let k = 0, rest = draws; rest > 0; k++, rest = Math.floor(rest / 2)) {
      if (rest % 2 === 1) state.set(applyMatrix(stepPower(k), state));
    }
    [this.a, this.b, this.c, this.d] = state;
  }
}

// The step of xoshiro128** is linear over GF(2) on its 128 state bits (XORs, shifts and a rotation): k steps are the
// k-th power of its 128 × 128 bit matrix. A matrix is held as 128 columns of 4 words, column i the image of state bit i
// (bit i is bit i % 32 of word ⌊i / 32⌋ of a, b, c, d). powers[k] is the matrix of 2^k steps, squared on demand.
const powers: Uint32Array[] = [];

function stepPower(k: number): Uint32Array {
  if (powers.length === 0) {
    const one = new Uint32Array(512);
    for (let i = 0; i < 128; i++) {
      const s = new Uint32Array(4);
      s[i >>> 5] = 1 << (i & 31);
      const [a, b, c, d] = s;
      const c1 = c ^ a;
      const d1 = d ^ b;
      one.set([a ^ d1, b ^ c1, c1 ^ (b << 9), (d1 << 11) | (d1 >>> 21)], 4 * i);
    }
    powers.push(one);
  }
  while (powers.length <= k) {
    const m = powers[powers.length - 1];
    const squared = new Uint32Array(512);
    for (let i = 0; i < 128; i++) squared.set(applyMatrix(m, m.subarray(4 * i, 4 * i + 4)), 4 * i);
    powers.push(squared);
  }
  return powers[k];
}

function applyMatrix(m: Uint32Array, v: Uint32Array): Uint32Array {
  const out = new Uint32Array(4);
  for (let i = 0; i < 128; i++) {
    if ((v[i >>> 5] >>> (i & 31)) & 1) {
      for (let w = 0; w < 4; w++) out[w] ^= m[4 * i + w];
    }
  }
  return out;
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
