/** CPU-bound work that can be done a little at a time (e.g. GiniBootstrap). */
export interface SteppedJob {
  readonly done: boolean;
  step(count: number): void;
}

/**
 * Runs the jobs to completion in small slices, yielding to the event loop between slices, so that DuckDB queries
 * awaited elsewhere keep being answered and chained meanwhile: DuckDB works on its own threads, this on the JS one.
 */
export async function runInSlices(jobs: SteppedJob[], slice = 16): Promise<void> {
  for (const job of jobs) {
    while (!job.done) {
      job.step(slice);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
