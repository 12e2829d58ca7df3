import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BootstrapOptions, DEFAULT_BOOTSTRAP, GiniBootstrap } from './bootstrap.ts';

/**
 * Below this many draws (values × resamples) a bootstrap takes less time than starting a thread for it (tens of
 * milliseconds): it runs on the calling thread, in slices. 100,000 accounts × 1,000 resamples is 10^8 draws.
 */
const THREAD_DRAWS = 5_000_000;

/**
 * The Gini bootstrap interval of `values` (GiniBootstrap), computed on a worker thread when it is large, so that
 * several run at once on several cores while the caller's thread goes on. The result is the same as on the
 * calling thread: the same values, seed and resamples give the same interval wherever they run. When a thread
 * cannot be started (an environment without worker support for TypeScript), it runs here.
 */
export async function bootstrapGiniOffThread(
  values: ArrayLike<number>,
  opts: BootstrapOptions = {},
  inThread: (job: GiniBootstrap) => Promise<void> = async (job) => job.step(Number.POSITIVE_INFINITY),
): Promise<[number, number] | null> {
  const resamples = opts.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  if (values.length * resamples >= THREAD_DRAWS) {
    const fromThread = await bootstrapOnWorker(Float64Array.from(values), opts).catch(() => undefined);
    if (fromThread !== undefined) return fromThread;
  }
  const job = new GiniBootstrap(values, opts);
  await inThread(job);
  return job.interval();
}

/** The bootstrap on a new worker thread (exported for its test: the thread must give the same interval). */
export function bootstrapOnWorker(values: Float64Array, opts: BootstrapOptions): Promise<[number, number] | null> {
  // The worker registers the TypeScript loader itself: hooks registered on this thread do not reach it.
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL('./bootstrap-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { values, opts } });
    worker.once('message', (interval: [number, number] | null) => {
      resolve(interval);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`bootstrap thread exited (${code})`)));
  });
}
