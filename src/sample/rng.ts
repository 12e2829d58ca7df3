/**
 * The generator's only source of randomness: mulberry32 seeded from (seed, stream name), so that each part of the
 * generator (roster, daily activity, injected abuse) draws from its own stream and adding a draw in one part does not
 * shift every number in the others.
 */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal by Box–Muller (one of the pair is discarded: simpler state, and speed does not matter here). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with mean 1, so it can scale a rate without changing the average. */
  lognormal(sigma: number): number {
    return Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  /** Index drawn with probability proportional to weights (cumulative array, last entry = total). */
  weighted(cumulative: Float64Array | readonly number[]): number {
    const x = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so nearby strings land far apart. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function rngFor(seed: number, stream: string): Rng {
  return new Rng(hash32(`${seed}:${stream}`));
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/**
 * Poisson count from one uniform by inversion. Most account-days have a rate far below 1, so the fast path
 * (u < 1 − λ ≤ e^−λ ⇒ 0 events) skips Math.exp for nearly every call of the hot loop.
 */
export function poisson(lambda: number, u: number): number {
  if (u < 1 - lambda) return 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (u >= cdf && k < 50) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}
