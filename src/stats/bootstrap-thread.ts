import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BootstrapOptions, DEFAULT_BOOTSTRAP, GiniBootstrap, GiniResamples } from './bootstrap.ts';
import type { Xoshiro128 } from './prng.ts';

/**
 * Below this many draws (values × resamples) a bootstrap takes less time than handing it to a thread: it runs on the
 * calling thread, in slices. 100,000 accounts × 1,000 resamples is 10^8 draws (about 0.3 CPU s).
 */
const THREAD_DRAWS = 5_000_000;
/**
 * Draws of one part the bootstrap thread takes at a time (24 resamples of 100,000 values, ~4 ms). It holds two parts,
 * so that it never waits for the next; the calling thread takes its slices from the same resamples, and the two end
 * within about two parts of each other (with parts of 100 resamples the caller waited 0.2–0.3 s for the thread's last).
 */
const PART_DRAWS = 2_400_000;
/**
 * Most draws of one step on the calling thread (8 resamples of 100,000 values, ~1.1 ms): with 16 a step (then
 * ~5 ms), two bootstraps' slices held each of the report's next queries up to ~10 ms (quiet) or ~70 ms (loaded) on its
 * way.
 */
const SLICE_DRAWS = 800_000;

type Interval = [number, number] | null;

/** A step of the calling thread's share of a bootstrap (runInSlices' SteppedJob). */
export interface SharedSteps {
  readonly done: boolean;
  step(count: number): void;
}

/**
 * The Gini bootstrap interval of `values` (GiniResamples, the interval of GiniBootstrap). A large one is shared with
 * the process's bootstrap thread: the thread takes parts of the resamples while the caller draws the others through
 * `inThread` (in slices, between its other work), so that one bootstrap, or a report's two, keep both cores busy to
 * the end. Every resample is drawn from its own place in the seed's stream (Xoshiro128.jump), so the interval is the
 * same to the last bit whoever draws which: the same values, seed and resamples give the same interval. Without a
 * thread (an environment without worker support for TypeScript), or for a small bootstrap, all runs here.
 */
export async function bootstrapGiniOffThread(
  values: ArrayLike<number>,
  opts: BootstrapOptions = {},
  inThread: (job: SharedSteps) => Promise<void> = async (job) => drawAll(job),
): Promise<Interval> {
  const resamples = opts.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  if (values.length * resamples < THREAD_DRAWS || broken) {
    const job = new GiniBootstrap(values, opts);
    await inThread(job);
    return job.interval();
  }
  const job = share(values, opts);
  await inThread(job);
  return job.result;
}

/** The bootstrap drawn on the bootstrap thread alone (exported for its test: the thread must give the same interval). */
export function bootstrapOnWorker(values: ArrayLike<number>, opts: BootstrapOptions): Promise<Interval> {
  const job = share(values, opts);
  if (!thread) drawAll(job); // no thread (it failed): drawn here, as its parts would have been
  return job.result;
}

/** Every resample nobody has taken, drawn here at once. */
function drawAll(job: SharedSteps): void {
  while (!job.done) job.step(Number.POSITIVE_INFINITY);
}

/** A bootstrap whose resamples the calling thread (step) and the bootstrap thread (parts) take in turn. */
class Shared implements SharedSteps {
  readonly id = nextId++;
  readonly resamples: GiniResamples;
  readonly ginis: number[] = [];
  /** The first resample nobody has taken. */
  next = 0;
  /** Parts on the bootstrap thread, by their first resample: their end. */
  readonly onThread = new Map<number, number>();
  readonly result: Promise<Interval>;
  readonly part: number;
  private readonly slice: number;
  private resolve!: (i: Interval) => void;
  private settled = false;
  private rng: { at: number; rng: Xoshiro128 } | undefined;

  constructor(values: ArrayLike<number>, opts: BootstrapOptions) {
    this.resamples = new GiniResamples(values, opts);
    this.part = inLanes(Math.floor(PART_DRAWS / Math.max(1, values.length)));
    this.slice = inLanes(Math.floor(SLICE_DRAWS / Math.max(1, values.length)));
    this.result = new Promise((resolve) => {
      this.resolve = resolve;
    });
    if (!this.resamples.defined) this.next = this.resamples.resamples;
  }

  get done(): boolean {
    return this.next >= this.resamples.resamples;
  }

  /**
   * Draws up to `count` untaken resamples here, at most about SLICE_DRAWS: the caller's thread also answers DuckDB
   * between its slices, and a long slice holds up each query the report sends next.
   */
  step(count: number): void {
    const from = this.next;
    const k = Math.min(count, this.slice, this.resamples.resamples - from);
    if (k <= 0) return;
    this.next += k;
    // Consecutive slices of this thread continue one stream: a jump only where the thread took resamples between.
    const rng = this.rng?.at === from ? this.rng.rng : this.resamples.streamAt(from);
    this.resamples.draw(rng, k, this.ginis);
    this.rng = { at: from + k, rng };
    this.settle();
  }

  /** Resolves once every resample is taken and drawn. */
  settle(): void {
    if (this.done && this.onThread.size === 0 && !this.settled) {
      this.settled = true;
      jobs.delete(this.id);
      thread?.postMessage({ type: 'end', id: this.id });
      this.resolve(this.resamples.interval(this.ginis));
    }
  }
}

/**
 * At least one resample, and a multiple of four from four on: the draw loop takes resamples four at a time
 * (GroupDraws.resample4), one at a time only for the rest, at 2.0 against 1.4 ns a draw.
 */
function inLanes(resamples: number): number {
  return resamples < 4 ? Math.max(1, resamples) : resamples - (resamples % 4);
}

function share(values: ArrayLike<number>, opts: BootstrapOptions): Shared {
  const job = new Shared(values, opts);
  try {
    startBootstrapThread();
  } catch {
    broken = true; // no worker here: every resample is drawn by the caller
  }
  if (thread && !job.done) {
    jobs.set(job.id, job);
    thread.postMessage({ type: 'values', id: job.id, values: Float64Array.from(values), opts });
    feed();
  }
  job.settle();
  return job;
}

/** The process's one bootstrap thread, started on first need and kept (its start costs about 0.06 CPU s). */
let thread: Worker | undefined;
/** Bootstraps with resamples left or on the thread, oldest first (a Map keeps insertion order). */
const jobs = new Map<number, Shared>();
let nextId = 0;
/** Set when the thread failed: later bootstraps run on the calling thread instead of starting it again. */
let broken = false;

/** Keeps two parts on the thread, from the oldest bootstrap with resamples left. */
function feed(): void {
  let held = 0;
  for (const job of jobs.values()) held += job.onThread.size;
  for (const job of jobs.values()) {
    while (held < 2 && !job.done && thread) {
      const from = job.next;
      const to = Math.min(job.resamples.resamples, from + job.part);
      job.next = to;
      job.onThread.set(from, to);
      thread.ref();
      thread.postMessage({ type: 'part', id: job.id, from, to });
      held++;
    }
  }
}

interface Reply {
  id: number;
  from: number;
  ginis: Float64Array;
}

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
  const fail = () => {
    broken = true;
    if (thread === worker) thread = undefined;
    // What the thread held is drawn here: each part from its own place in the stream, as the thread would have.
    for (const job of [...jobs.values()]) {
      for (const [from, to] of job.onThread) job.resamples.draw(job.resamples.streamAt(from), to - from, job.ginis);
      job.onThread.clear();
      drawAll(job);
      job.settle();
    }
  };
  worker.on('message', ({ id, from, ginis }: Reply) => {
    const job = jobs.get(id);
    if (!job) return;
    job.onThread.delete(from);
    for (const g of ginis) job.ginis.push(g);
    feed();
    let held = 0;
    for (const j of jobs.values()) held += j.onThread.size;
    if (held === 0) worker.unref();
    job.settle();
  });
  worker.once('error', fail);
  worker.once('exit', fail);
  // Idle, the thread must not keep the process alive; busy, it must (else a CLI would exit before its answer). After
  // the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  thread = worker;
}

/**
 * Stops the bootstrap thread for good: the parts it held are drawn on the calling thread, as every later bootstrap is
 * (what a thread that fails leads to; a test makes it happen on purpose).
 */
export async function stopBootstrapThread(): Promise<void> {
  const worker = thread;
  broken = true;
  await worker?.terminate();
}
