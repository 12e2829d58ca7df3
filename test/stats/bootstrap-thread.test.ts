import { describe, expect, it } from 'vitest';
import { bootstrapGini } from '../../src/stats/bootstrap.ts';
import {
  bootstrapGiniOffThread,
  bootstrapOnWorker,
  type SharedSteps,
  stopBootstrapThread,
} from '../../src/stats/bootstrap-thread.ts';
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

  it('shared between the calling thread and the thread, one bootstrap or two at once: the interval of one thread', async () => {
    const a = values(30_000, 5);
    const b = values(25_000, 6);
    const opts = { seed: 9, resamples: 400 };
    // The calling thread takes a resample at a time and yields, so that the thread takes parts meanwhile.
    let here = 0;
    const slowly = async (job: SharedSteps) => {
      while (!job.done) {
        job.step(1);
        here++;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    const [ia, ib] = await Promise.all([
      bootstrapGiniOffThread(a, opts, slowly),
      bootstrapGiniOffThread(b, opts, slowly),
    ]);
    expect(ia).toEqual(bootstrapGini(a, opts));
    expect(ib).toEqual(bootstrapGini(b, opts));
    expect(here).toBeGreaterThan(0); // both threads drew
    expect(here).toBeLessThan(800);
  });

  it('a thread that stops: the parts it held are drawn here, the interval is unchanged (last: no thread after it)', async () => {
    const xs = values(40_000, 8);
    const opts = { seed: 2, resamples: 300 };
    const onThread = bootstrapOnWorker(xs, opts);
    await stopBootstrapThread();
    expect(await onThread).toEqual(bootstrapGini(xs, opts));
    expect(await bootstrapGiniOffThread(xs, opts)).toEqual(bootstrapGini(xs, opts));
    expect(await bootstrapOnWorker(xs, opts)).toEqual(bootstrapGini(xs, opts)); // no thread any more: drawn here
  });
});
