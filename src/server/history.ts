import type { Database } from '../db/database.ts';
import { type RowOf, run } from '../db/run.ts';
import { defaultQuarter } from '../periods/quarters.ts';
import { quarterOf, quartersBetween } from '../dates.ts';

export type ImportRow = RowOf<'import_history'>;

export type DatabaseTotals = RowOf<'database_totals'>;

/** Every import, newest first, with the counts that must reconcile: rows_read = accepted + quarantined + duplicates. */
export function importHistory(db: Database): Promise<ImportRow[]> {
  return run(db, 'import_history', {});
}

/** Size and span of what the database holds; outstanding = the sum of every balance now (metrics.md). */
export async function databaseTotals(db: Database): Promise<DatabaseTotals> {
  return (await run(db, 'database_totals', {}))[0];
}

export function reconciles(r: ImportRow): boolean {
  return r.rows_read === r.accepted + r.quarantined + r.duplicates;
}

/**
 * The quarters the ledger spans, newest first, and the default: the one `ledger-lens report` picks without
 * --quarter (the newest quarter the data covers to its end), so the page and the CLI open on the same quarter.
 */
export function quartersOf(totals: DatabaseTotals): { quarters: string[]; latestComplete: string | null } {
  if (!totals.first || !totals.last) return { quarters: [], latestComplete: null };
  return {
    quarters: quartersBetween(totals.first, totals.last).reverse(),
    latestComplete: quarterOf(defaultQuarter(totals.first, totals.last).from),
  };
}
