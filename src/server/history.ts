import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { defaultQuarter } from '../periods/quarters.ts';
import { quarterOf, quartersBetween } from '../dates.ts';

const count = z.number().int().nonnegative();

export const ImportRow = z.object({
  import_id: z.number().int(),
  kind: z.string(),
  file_name: z.string(),
  format: z.string(),
  encoding: z.string(),
  imported_at: z.string(),
  rows_read: count,
  accepted: count,
  quarantined: count,
  duplicates: count,
});
export type ImportRow = z.infer<typeof ImportRow>;

export const DatabaseTotals = z.object({
  rows: count,
  accounts: count,
  first: z.string().nullable(),
  last: z.string().nullable(),
  issued: z.number(),
  outstanding: z.number(),
  rejects: count,
});
export type DatabaseTotals = z.infer<typeof DatabaseTotals>;

const none = z.object({});

/** Every import, newest first, with the counts that must reconcile: rows_read = accepted + quarantined + duplicates. */
export function importHistory(db: Database): Promise<ImportRow[]> {
  return run(db, 'import_history', none, ImportRow, {});
}

/** Size and span of what the database holds; outstanding = the sum of every balance now (metrics.md). */
export async function databaseTotals(db: Database): Promise<DatabaseTotals> {
  return (await run(db, 'database_totals', none, DatabaseTotals, {}))[0];
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
