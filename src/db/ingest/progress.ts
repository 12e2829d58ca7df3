import type { Database } from '../database.ts';
import { connectionOf, sqlExec } from '../sql.ts';

export interface Progress {
  stage: 'reading' | 'importing';
  percent: number;
  /** Rows done so far, when the total is known (importing). */
  rows?: number;
  total?: number;
  rowsPerSecond?: number;
  seconds: number;
}

/**
 * Polls DuckDB's own progress once a second while one long statement runs (it runs off the event loop).
 * Rows are derived from the percentage and the known total: DuckDB's own row counter counts pipeline work, not rows.
 */
export async function withProgress<T>(
  db: Database,
  onProgress: ((p: Progress) => void) | undefined,
  stage: Progress['stage'],
  total: number | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (!onProgress) return fn();
  await sqlExec(db, 'SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  const started = performance.now();
  const timer = setInterval(() => {
    const p = connectionOf(db).progress;
    if (p.percentage < 0) return;
    const seconds = (performance.now() - started) / 1000;
    const rows = total === undefined ? undefined : Math.round((total * p.percentage) / 100);
    onProgress({
      stage,
      percent: p.percentage,
      rows,
      total,
      rowsPerSecond: rows === undefined ? undefined : rows / seconds,
      seconds,
    });
  }, 1000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
