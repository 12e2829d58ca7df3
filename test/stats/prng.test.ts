import { describe, expect, it } from 'vitest';
import { createRng, randomIndex, Xoshiro128 } from '../../src/stats/prng.ts';

describe('seeded generator', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('stays in [0, 1) and is roughly uniform (10 bins of 100,000 draws within 2 %)', () => {
    const rng = createRng(1);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const u = rng();
      expect(u >= 0 && u < 1).toBe(true);
      bins[Math.floor(u * 10)] += 1;
    }
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(200);
  });

  it('addUniformCounts draws the same indices as uniform() would', () => {
    const g1 = new Xoshiro128(9);
    const g2 = new Xoshiro128(9);
    const counts = new Uint32Array(7);
    g1.addUniformCounts(counts, 1000);
    const expected = new Uint32Array(7);
    for (let i = 0; i < 1000; i++) expected[randomIndex(() => g2.uniform(), 7)] += 1;
    expect(Array.from(counts)).toEqual(Array.from(expected));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(g1.nextUint32()).toBe(g2.nextUint32()); // both generators end in the same state
  });

  it('addUniformCounts with groups tallies the same draws per group of positions', () => {
    const g1 = new Xoshiro128(9);
    const g2 = new Xoshiro128(9);
    const groupOf = Uint32Array.from([0, 0, 1, 2, 2, 2, 3]);
    const counts = new Uint32Array(4);
    g1.addUniformCounts(counts, 1000, groupOf);
    const perPosition = new Uint32Array(7);
    g2.addUniformCounts(perPosition, 1000);
    const expected = [0, 0, 0, 0];
    perPosition.forEach((c, i) => {
      expected[groupOf[i]] += c;
    });
    expect(Array.from(counts)).toEqual(expected);
    expect(g1.nextUint32()).toBe(g2.nextUint32());
  });

  it('addUniformCounts over 16-bit groups of many positions draws the indices floor(uniform() × n) would', () => {
    // n far from a power of two, so that uniform() × n rounds: the loop's result × (n / 2^32) must round the same way.
    const n = 100_003;
    const groupOf = Uint16Array.from({ length: n }, (_, i) => Math.floor(i / 7));
    const counts = new Uint32Array(groupOf[n - 1] + 1);
    const g1 = new Xoshiro128(21);
    const g2 = new Xoshiro128(21);
    g1.addUniformCounts(counts, 200_000, groupOf);
    const expected = new Uint32Array(counts.length);
    for (let i = 0; i < 200_000; i++) expected[groupOf[Math.floor(g2.uniform() * n)]] += 1;
    expect(Array.from(counts)).toEqual(Array.from(expected));
    expect(g1.nextUint32()).toBe(g2.nextUint32());
  });

  it('jump(k) leaves the generator where k draws would, for any k', () => {
    for (const k of [0, 1, 2, 31, 32, 33, 1000, 123_457]) {
      const jumped = new Xoshiro128(7);
      const drawn = new Xoshiro128(7);
      jumped.jump(k);
      for (let i = 0; i < k; i++) drawn.nextUint32();
      expect([jumped.nextUint32(), jumped.nextUint32()]).toEqual([drawn.nextUint32(), drawn.nextUint32()]);
    }
    // Far jumps compose: 2^40 then 2^40 + 5 is 2^41 + 5.
    const twice = new Xoshiro128(9);
    twice.jump(2 ** 40);
    twice.jump(2 ** 40 + 5);
    const once = new Xoshiro128(9);
    once.jump(2 ** 41 + 5);
    expect(twice.nextUint32()).toBe(once.nextUint32());
    expect(() => new Xoshiro128(1).jump(-1)).toThrow(/draws/);
    expect(() => new Xoshiro128(1).jump(1.5)).toThrow(/draws/);
  });

  it('refuses a non-integer seed', () => {
    expect(() => createRng(0.5)).toThrow(/seed/);
  });
});
