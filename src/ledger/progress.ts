import type { Database } from '../db/database.ts';

export interface Progress {
  percent: number;
  rows: number;
  rowsPerSecond: number;
  seconds: number;
}

/** Polls DuckDB's own progress while one long statement runs; the statement runs off the event loop. */
export async function withProgress<T>(db: Database, onProgress: ((p: Progress) => void) | undefined, fn: () => Promise<T>): Promise<T> {
  if (!onProgress) return fn();
  await db.exec('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  const started = performance.now();
  const timer = setInterval(() => {
    const p = db.connection.progress;
    const seconds = (performance.now() - started) / 1000;
    const rows = Number(p.rows_processed);
    if (p.percentage >= 0) onProgress({ percent: p.percentage, rows, rowsPerSecond: seconds > 0 ? rows / seconds : 0, seconds });
  }, 1000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
