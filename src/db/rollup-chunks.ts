import type { Database } from './database.ts';

/**
 * Rows reduced in one grouped pass. Every rollup but account_latest has the day or the month in its key, so the
 * rows of disjoint runs of whole months never share a key and each run can be reduced and written on its own. A pass
 * over the rows of a few months keeps its hash table in memory (about 2M account-days: a few hundred MB, under the
 * 1 GB DuckDB limit), where one pass over 10M rows spilled to disk and then had to be sorted whole; and each run's
 * rows land together, so a period filter still skips the row groups of other runs without any ORDER BY.
 */
export const CHUNK_ROWS = 2_000_000;

/** CHUNK_ROWS, or LEDGER_LENS_ROLLUP_RUN_ROWS: fewer with a lower memory limit (and in tests, to get several runs). */
function runRows(): number {
  const n = Number(process.env.LEDGER_LENS_ROLLUP_RUN_ROWS);
  return Number.isInteger(n) && n > 0 ? n : CHUNK_ROWS;
}

/** A run of whole months, [from, to); null is open (the first run starts, and the last ends, nowhere). */
export interface MonthRun {
  from: string | null;
  to: string | null;
}

/**
 * The import's rows (all rows when `importId` is null) cut into runs of whole months of at most CHUNK_ROWS rows each
 * (LEDGER_LENS_ROLLUP_RUN_ROWS when set; a month with more is a run of its own). One scan of occurred_at, grouped by month; the runs cover every instant, so no row falls
 * between them whatever its month.
 */
export async function monthRuns(db: Database, importId: number | null): Promise<MonthRun[]> {
  const most = runRows();
  // Grouped on an integer: formatting every row's month as text cost fifteen times as much at 10M rows.
  const months = await db.all<{ ym: number; n: number }>(
    `SELECT (year(occurred_at) * 100 + month(occurred_at))::INTEGER AS ym, count(*)::DOUBLE AS n FROM ledger
     WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER GROUP BY ALL ORDER BY ym`,
    { import_id: importId },
  );
  const starts: string[] = [];
  let rows = 0;
  for (const { ym, n } of months) {
    if (starts.length === 0 || rows + n > most) {
      starts.push(`${Math.floor(ym / 100)}-${String(ym % 100).padStart(2, '0')}-01`);
      rows = 0;
    }
    rows += n;
  }
  if (starts.length <= 1) return [{ from: null, to: null }];
  return starts.map((from, i) => ({ from: i === 0 ? null : from, to: starts[i + 1] ?? null }));
}

/**
 * Runs `task` with a TEMP view `ledger` in front of the table (DuckDB looks in `temp` first) holding the run's rows
 * only, so the reductions read the run unchanged. The bounds are literals, so the scan skips other months' row
 * groups. Dropped again before returning, even on failure: nothing after it may read a part of the ledger.
 */
export async function withinRun<T>(db: Database, run: MonthRun, task: () => Promise<T>): Promise<T> {
  if (run.from === null && run.to === null) return task();
  const [{ cat }] = await db.all<{ cat: string }>('SELECT current_database() AS cat');
  const bounds = [
    run.from === null ? '' : `occurred_at >= TIMESTAMP '${isoDay(run.from)}'`,
    run.to === null ? '' : `occurred_at < TIMESTAMP '${isoDay(run.to)}'`,
  ].filter(Boolean);
  await db.exec(
    `CREATE TEMP VIEW ledger AS SELECT * FROM "${cat.replaceAll('"', '""')}".main.ledger WHERE ${bounds.join(' AND ')}`,
  );
  try {
    return await task();
  } finally {
    await db.exec('DROP VIEW IF EXISTS temp.ledger');
  }
}

/** The runs' bounds are made above from integers; checked anyway, since they are spliced into SQL as literals. */
function isoDay(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Error(`not a day: ${s}`);
  return s;
}
