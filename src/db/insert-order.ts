import type { Database } from './database.ts';
import { sqlExec, sqlRows } from './sql.ts';

// The typed import pass (src/ledger/one-shot.ts, cleanLedgerInsert) writes its rows without line numbers, so that
// DuckDB reads and writes the file on every core; these number them afterwards, from the order they are stored in.

/**
 * Whether DuckDB plans `insert` as a batch insert, the one kind that stores the rows in the order the reader read
 * them (a plain parallel insert interleaves its threads' rows). Only then may linesFromOrder number them.
 */
export async function insertKeepsOrder(db: Database, insert: string): Promise<boolean> {
  const plan = await sqlRows<Record<string, string>>(db, `EXPLAIN ${insert}`);
  return plan.some((r) => Object.values(r).some((v) => String(v).includes('BATCH_INSERT')));
}

/**
 * Numbers the rows of import `importId`, written by an insert that keeps the file's order (insertKeepsOrder) and
 * took every line: the first row is line 2 (after the header), each next row the next line. Their row ids are one
 * contiguous run in that order; if they are not, nothing can be trusted and it throws (the caller reads the file
 * the full way, which numbers each line as it reads it).
 */
export async function linesFromOrder(db: Database, importId: number): Promise<void> {
  const [{ n, span }] = await sqlRows<{ n: number; span: number }>(
    db,
    `SELECT count(*)::DOUBLE AS n, coalesce(max(rowid) - min(rowid) + 1, 0)::DOUBLE AS span FROM ledger WHERE import_id = ${importId}`,
  );
  if (n !== span) throw new Error(`the rows of import ${importId} are not one run (${n} rows over ${span} row ids)`);
  await sqlExec(
    db,
    `UPDATE ledger SET source_line = rowid - (SELECT min(rowid) FROM ledger WHERE import_id = ${importId}) + 2 WHERE import_id = ${importId}`,
  );
}
