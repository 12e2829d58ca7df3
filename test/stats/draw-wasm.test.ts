import { describe, expect, it } from 'vitest';
import { GroupDraws } from '../../src/stats/draw-wasm.ts';
import { Xoshiro128 } from '../../src/stats/prng.ts';

/** Runs of equal sorted values: position i belongs to group groupOf[i], groups ascending. */
const runs = (n: number, groups: number, seed: number) => {
  const g = new Xoshiro128(seed);
  const cuts = Array.from({ length: groups - 1 }, () => Math.floor(g.uniform() * n)).sort((a, b) => a - b);
  const groupOf = new Uint16Array(n);
  let group = 0;
  for (let i = 0; i < n; i++) {
    while (group < cuts.length && cuts[group] <= i) group++;
    groupOf[i] = group;
  }
  return groupOf;
};

describe('the draw loop in WebAssembly', () => {
  it('counts the draws addUniformCounts counts and leaves the generator where it does', () => {
    for (const [n, groups, seed] of [
      [1, 1, 3],
      [7, 3, 4],
      [100_003, 600, 5], // n far from a power of two: the JavaScript loop's double rounds
      [65_536, 65_536, 6], // every position its own group: the widest 16-bit groupOf
    ]) {
      const groupOf = runs(n, groups, seed);
      const size = groupOf[n - 1] + 1;
      const draws = GroupDraws.of(groupOf, size) as GroupDraws;
      expect(draws).not.toBeNull();
      const here = new Xoshiro128(seed);
      const there = new Xoshiro128(seed);
      for (let r = 0; r < 3; r++) {
        const expected = new Uint32Array(size);
        there.addUniformCounts(expected, n, groupOf);
        expect(Array.from(draws.resample(here, n))).toEqual(Array.from(expected));
      }
      expect(here.nextUint32()).toBe(there.nextUint32());
    }
  });

  it('draws the same index at its largest size, 2^21 positions, and leaves larger ones to the JavaScript loop', () => {
    // Where result × n comes closest to 2^53, the double's index and the 64-bit product's high word must still agree.
    const n = 2 ** 21;
    const groupOf = Uint16Array.from({ length: n }, (_, i) => i >>> 5);
    const draws = GroupDraws.of(groupOf, n >>> 5) as GroupDraws;
    const here = new Xoshiro128(8);
    const there = new Xoshiro128(8);
    const expected = new Uint32Array(n >>> 5);
    there.addUniformCounts(expected, 3 * n, groupOf);
    expect(Array.from(draws.resample(here, 3 * n))).toEqual(Array.from(expected));
    expect(GroupDraws.of(new Uint16Array(n + 1), 1)).toBeNull();
  });

  it('draws four resamples at once as four calls of resample would, and ends where the fourth ends', () => {
    for (const [n, groups, seed] of [
      [1, 1, 9],
      [5, 2, 10],
      [100_003, 600, 11],
      [65_536, 65_536, 12],
    ]) {
      const groupOf = runs(n, groups, seed);
      const draws = GroupDraws.of(groupOf, groupOf[n - 1] + 1) as GroupDraws;
      expect(draws.lanes).toBe(true); // Node's V8 has WebAssembly SIMD: the path a report takes is the one tested
      const four = new Xoshiro128(seed);
      const one = new Xoshiro128(seed);
      for (let batch = 0; batch < 2; batch++) {
        const lanes = draws.resample4(four, n).map((counts) => Array.from(counts));
        const expected = [0, 1, 2, 3].map(() => Array.from(draws.resample(one, n)));
        expect(lanes).toEqual(expected);
      }
      expect(four.nextUint32()).toBe(one.nextUint32());
    }
  });

  it('starts each resample from zero counts', () => {
    const groupOf = Uint16Array.from([0, 0, 1, 1, 1, 2]);
    const draws = GroupDraws.of(groupOf, 3) as GroupDraws;
    const rng = new Xoshiro128(1);
    for (let r = 0; r < 4; r++) expect(draws.resample(rng, 6).reduce((a, b) => a + b, 0)).toBe(6);
    for (let r = 0; r < 2; r++)
      for (const counts of draws.resample4(rng, 6)) expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
  });
});
