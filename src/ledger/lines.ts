import type { Database } from '../db/database.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReaderReject } from '../db/ingest/reader-rejects.ts';
import { recordLines } from './record-lines.ts';
import { numberRowsAfterSkips, numberRowsFromFile, numberRowsInOrder } from '../db/ingest/line-view.ts';

export interface LineFacts {
  /** The UTF-8 file DuckDB reads, its quote character and a scratch folder (for the rare exact path). */
  readPath: string;
  quote: string;
  tmp: string;
  columns: string[];
  col(name: string): string;
  blankLines: number[];
  newlines: number;
  endsWithNewline: boolean;
  rows: number;
  readerRejects: ReaderReject[];
}

/**
 * Creates `ll_raw`: the CSV rows of `ll_rawt` with `__line`, the physical line each row starts on.
 * DuckDB numbers rows, not lines: it skips blank lines and rows it rejects itself, and a quoted newline
 * stays inside one row. The common case (none of those) is plain arithmetic on rowid; skipped lines alone
 * are a small shift table; records spanning lines need one walk of the file.
 */
export async function createCsvLineView(db: Database, f: LineFacts) {
  const expected = 1 + f.rows + f.readerRejects.length + f.blankLines.length - (f.endsWithNewline ? 0 : 1);
  const embedded = f.newlines > expected;
  const skipped = [...new Set([...f.blankLines, ...f.readerRejects.map((r) => r.line)])].sort((a, b) => a - b);
  if (!embedded && skipped.length === 0) {
    await numberRowsInOrder(db);
    return;
  }
  if (embedded && (await exactLines(db, f))) return;
  await numberRowsAfterSkips(db, skipped);
}

/**
 * Records that span lines: walk the file for each record's physical start line, give the reader's rejects
 * theirs, and number the rows DuckDB kept in order with the rest.
 */
async function exactLines(db: Database, f: LineFacts): Promise<boolean> {
  const { physical, reader } = await recordLines(f.readPath, f.quote);
  const rejected = new Map(f.readerRejects.map((r) => [r.line, r]));
  const kept: number[] = [];
  const lines = new Map<ReaderReject, number>();
  for (let i = 0; i < physical.length; i++) {
    const r = rejected.get(reader[i]);
    if (r) lines.set(r, physical[i]);
    else kept.push(physical[i]);
  }
  // An unbalanced quote makes this walk and DuckDB's reader disagree on where records end: keep the estimate.
  if (kept.length !== f.rows || lines.size !== f.readerRejects.length) return false;
  for (const [r, line] of lines) r.line = line;
  const file = join(f.tmp, 'lines.csv');
  writeFileSync(file, `${kept.map((line, rid) => `${rid},${line}`).join('\n')}\n`);
  await numberRowsFromFile(db, file);
  return true;
}
