import { UserError } from '../errors.ts';
import type { Database } from './database.ts';
import { sqlExec, sqlRows } from './sql.ts';

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
  const value = process.env.LEDGER_LENS_ROLLUP_RUN_ROWS;
  if (value === undefined || value === '') return CHUNK_ROWS;
  // A typo is said, not read as the default: the user set it for a reason (usually a lower memory limit).
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1)
    throw new UserError('bad_rollup_run_rows', `LEDGER_LENS_ROLLUP_RUN_ROWS=${value}: not a count of rows`, {
      hint: 'Set a whole number of rows of at least 1 (e.g. 500000), or unset it for the default (2000000). Nothing was imported.',
    });
  return Number(value);
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
  const months = await sqlRows<{ ym: number; n: number }>(
    db,
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
  const [{ cat }] = await sqlRows<{ cat: string }>(db, 'SELECT current_database() AS cat');
  const bounds = [
    run.from === null ? '' : `occurred_at >= TIMESTAMP '${isoDay(run.from)}'`,
    run.to === null ? '' : `occurred_at < TIMESTAMP '${isoDay(run.to)}'`,
  ].filter(Boolean);
  await sqlExec(
    db,
    `CREATE TEMP VIEW ledger AS SELECT * FROM "${cat.replaceAll('"', '""')}".main.ledger WHERE ${bounds.join(' AND ')}`,
  );
  const drop = () => sqlExec(db, 'DROP VIEW IF EXISTS temp.ledger');
  let out: T;
  try {
    out = await task();
  } catch (e) {
    // A failed statement aborts the transaction: DuckDB then refuses the drop until the rollback (which removes the
    // view with everything else), and its refusal must not hide the task's own error from the user.
    await drop().catch(() => undefined);
    throw e;
  }
  await drop();
  return out;
}

/** The runs' bounds are made above from integers; checked anyway, since they are spliced into SQL as literals. */
function isoDay(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Error(`not a day: ${s}`);
  return s;
}
