import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BootstrapOptions, DEFAULT_BOOTSTRAP, GiniBootstrap } from './bootstrap.ts';

/**
 * Below this many draws (values × resamples) a bootstrap takes less time than handing it to a thread: it runs on the
 * calling thread, in slices. 100,000 accounts × 1,000 resamples is 10^8 draws (about 0.3 CPU s).
 */
const THREAD_DRAWS = 5_000_000;

/**
 * The Gini bootstrap interval of `values` (GiniBootstrap). A large one goes to the process's bootstrap thread when
 * that thread is free, so that two run at once on two cores (a report's two periods) while the caller's thread goes
 * on; otherwise, or when no thread can be started (an environment without worker support for TypeScript), it runs
 * here through `inThread`. The result is the same wherever it runs: the same values, seed and resamples give the same
 * interval.
 */
export async function bootstrapGiniOffThread(
  values: ArrayLike<number>,
  opts: BootstrapOptions = {},
  inThread: (job: GiniBootstrap) => Promise<void> = async (job) => job.step(Number.POSITIVE_INFINITY),
): Promise<[number, number] | null> {
  const resamples = opts.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  if (values.length * resamples >= THREAD_DRAWS && waiting.size === 0 && !broken) {
    const fromThread = await bootstrapOnWorker(Float64Array.from(values), opts).catch(() => undefined);
    if (fromThread !== undefined) return fromThread;
  }
  const job = new GiniBootstrap(values, opts);
  await inThread(job);
  return job.interval();
}

type Interval = [number, number] | null;
interface Reply {
  id: number;
  interval: Interval;
}

/** The one bootstrap thread of the process, started on first need and kept (its start costs about 0.06 CPU s). */
let thread: Worker | undefined;
const waiting = new Map<number, { resolve: (i: Interval) => void; reject: (e: Error) => void }>();
let nextId = 0;
/** Set when the thread failed: later bootstraps run on the calling thread instead of starting it again. */
let broken = false;

/**
 * Starts the bootstrap thread now, so that its start overlaps the queries whose values it will resample. Idempotent;
 * the thread never keeps the process alive.
 */
export function startBootstrapThread(): void {
  if (thread || broken) return;
  // The worker registers the TypeScript loader itself: hooks registered on this thread do not reach it. tsx's
  // require hook, not its module hooks: those start a loader thread of their own (0.18 against 0.06 CPU s measured).
  const api = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./bootstrap-worker.ts', import.meta.url));
  const code = `require(${JSON.stringify(api)}).register(); require(${JSON.stringify(entry)});`;
  const worker = new Worker(code, { eval: true });
  const fail = (e: Error) => {
    broken = true;
    if (thread === worker) thread = undefined;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', ({ id, interval }: Reply) => {
    const w = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    w?.resolve(interval);
  });
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`bootstrap thread exited (${code})`)));
  // Idle, the thread must not keep the process alive; busy, it must (else a CLI would exit before its answer). After
  // the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  thread = worker;
}

/** The bootstrap on the process's bootstrap thread (exported for its test: the thread must give the same interval). */
export function bootstrapOnWorker(values: Float64Array, opts: BootstrapOptions): Promise<Interval> {
  startBootstrapThread();
  const worker = thread;
  if (!worker) return Promise.reject(new Error('the bootstrap thread could not be started'));
  const id = nextId++;
  return new Promise<Interval>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, values, opts });
  });
}
