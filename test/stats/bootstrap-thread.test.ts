import { describe, expect, it } from 'vitest';
import { bootstrapGini } from '../../src/stats/bootstrap.ts';
import { bootstrapGiniOffThread, bootstrapOnWorker } from '../../src/stats/bootstrap-thread.ts';
import { Xoshiro128 } from '../../src/stats/prng.ts';

/** Skewed values with ties, like issued points per account. */
function values(n: number, seed: number): number[] {
  const g = new Xoshiro128(seed);
  return Array.from({ length: n }, () => Math.floor(g.uniform() ** 3 * 500));
}

describe('the Gini bootstrap on a worker thread', () => {
  it('gives the interval of the calling thread, to the last bit', async () => {
    const xs = values(20_000, 3);
    const opts = { seed: 42, resamples: 300 };
    const here = bootstrapGini(xs, opts);
    expect(here).not.toBeNull();
    expect(await bootstrapOnWorker(Float64Array.from(xs), opts)).toEqual(here);
  });

  it('large or small, the off-thread entry point gives the same interval as bootstrapGini', async () => {
    for (const [n, resamples] of [
      [50, 200],
      [10_000, 600],
    ]) {
      const xs = values(n, n);
      expect(await bootstrapGiniOffThread(xs, { seed: 7, resamples })).toEqual(
        bootstrapGini(xs, { seed: 7, resamples }),
      );
    }
  });

  it('all zeros: no interval, as on the calling thread', async () => {
    expect(await bootstrapOnWorker(new Float64Array(10), { seed: 1 })).toBeNull();
  });
});
