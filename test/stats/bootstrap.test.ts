import { describe, expect, it } from 'vitest';
import { bootstrapGini, GiniBootstrap, GiniResamples } from '../../src/stats/bootstrap.ts';
import { gini, giniWeightedSorted } from '../../src/stats/gini.ts';
import { createRng, Xoshiro128 } from '../../src/stats/prng.ts';
import { quantileSorted } from '../../src/stats/quantile.ts';

const sample = (() => {
  const rng = createRng(2024);
  return Array.from({ length: 400 }, () => Math.round(1000 * rng() ** 2));
})();

describe('bootstrapGini', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = bootstrapGini(sample, { seed: 7 });
    expect(bootstrapGini(sample, { seed: 7 })).toEqual(a);
    expect(bootstrapGini(sample, { seed: 8 })).not.toEqual(a);
  });

  it('covers the point estimate, and more resamples or a higher level do not shrink it absurdly', () => {
    const g = gini(sample) as number;
    const [lo, hi] = bootstrapGini(sample, { seed: 1 }) as [number, number];
    expect(lo).toBeLessThan(g);
    expect(hi).toBeGreaterThan(g);
    const [lo99, hi99] = bootstrapGini(sample, { seed: 1, level: 0.99 }) as [number, number];
    expect(lo99).toBeLessThanOrEqual(lo);
    expect(hi99).toBeGreaterThanOrEqual(hi);
  });

  it('equals a naive bootstrap that expands each resample and sorts it (same stream)', () => {
    const small = [0, 3, 3, 8, 20, 41];
    const resamples = 50;
    const rng = new Xoshiro128(5);
    const stats: number[] = [];
    for (let b = 0; b < resamples; b++) {
      const counts = new Uint32Array(small.length);
      rng.addUniformCounts(counts, small.length);
      const expanded = small.flatMap((v, i) => Array(counts[i]).fill(v) as number[]);
      const g = gini(expanded);
      if (g !== null) stats.push(g);
    }
    const sorted = Float64Array.from(stats).sort();
    const [lo, hi] = bootstrapGini(small, { seed: 5, resamples }) as [number, number];
    expect(lo).toBeCloseTo(quantileSorted(sorted, 0.025) as number, 12); // same resamples, summed in another order
    expect(hi).toBeCloseTo(quantileSorted(sorted, 0.975) as number, 12);
    expect(hi).toBeGreaterThan(lo);
  });

  it('equals the bootstrap that counts every sorted position, to 1e-12 relative (ties and distinct values)', () => {
    // The previous implementation: one count per sorted position, the Gini over all n positions.
    const perPosition = (values: number[], seed: number, resamples: number) => {
      const sorted = Float64Array.from(values).sort();
      const rng = new Xoshiro128(seed);
      const stats: number[] = [];
      for (let b = 0; b < resamples; b++) {
        const counts = new Uint32Array(sorted.length);
        rng.addUniformCounts(counts, sorted.length);
        const g = giniWeightedSorted(sorted, counts);
        if (g !== null) stats.push(g);
      }
      const ordered = Float64Array.from(stats).sort();
      return [quantileSorted(ordered, 0.025) as number, quantileSorted(ordered, 0.975) as number];
    };
    const ties = (() => {
      const rng = createRng(77);
      return Array.from({ length: 3000 }, () => Math.round(700 * rng() ** 3) + (rng() < 0.2 ? 0.25 : 0));
    })();
    const distinct = Array.from({ length: 2000 }, (_, i) => i * 1.37 + (i % 11) / 3);
    for (const [values, seed] of [
      [ties, 1],
      [ties, 99],
      [distinct, 4],
      [sample, 12],
    ] as const) {
      const [lo, hi] = bootstrapGini(values, { seed, resamples: 300 }) as [number, number];
      const [refLo, refHi] = perPosition([...values], seed, 300);
      expect(Math.abs(lo - refLo) / refLo).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(hi - refHi) / refHi).toBeLessThanOrEqual(1e-12);
      expect(hi).toBeGreaterThan(lo);
    }
  });

  it('is null when the Gini is undefined, and [0, 0] for one value', () => {
    expect(bootstrapGini([])).toBeNull();
    expect(bootstrapGini([0, 0, 0])).toBeNull();
    expect(bootstrapGini([5])).toEqual([0, 0]);
  });

  it('rejects nonsense settings', () => {
    expect(() => bootstrapGini(sample, { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapGini(sample, { level: 1 })).toThrow(/level/);
    expect(() => bootstrapGini(sample, { seed: 1.5 })).toThrow(/seed/);
  });
});

describe('GiniBootstrap in steps', () => {
  it('gives the same interval however the work is split', () => {
    const whole = bootstrapGini(sample, { seed: 3, resamples: 200 });
    const stepped = new GiniBootstrap(sample, { seed: 3, resamples: 200 });
    while (!stepped.done) stepped.step(7);
    expect(stepped.interval()).toEqual(whole);
  });
});

describe('the intervals a report prints', () => {
  it('keep their digits: pinned from the implementation before the faster draw loop', () => {
    // The draws are part of the output: a report run before and after a change of the loop gives the same digits.
    const g = new Xoshiro128(11);
    const ties = Array.from({ length: 30_000 }, () => Math.floor(g.uniform() ** 2 * 700)); // 16-bit runs
    const distinct = Array.from({ length: 70_000 }, (_, i) => i * 0.5 + g.uniform()); // > 65,536 runs: 32-bit
    expect(bootstrapGini(ties, { seed: 3, resamples: 200 })).toEqual([0.49690857393762555, 0.5031246539931704]);
    expect(bootstrapGini(distinct, { seed: 4, resamples: 40 })).toEqual([0.33153176883014185, 0.3350541753456748]);
  });

  it('are the same when the resamples are drawn in parts, out of order, each from its place in the stream', () => {
    const whole = bootstrapGini(sample, { seed: 5, resamples: 120 });
    const parts = new GiniResamples(sample, { seed: 5, resamples: 120 });
    const ginis: number[] = [];
    for (const [from, to] of [
      [90, 120],
      [0, 1],
      [41, 90],
      [1, 41],
    ])
      parts.draw(parts.streamAt(from), to - from, ginis);
    expect(parts.interval(ginis)).toEqual(whole);
  });
});
