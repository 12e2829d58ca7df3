import type { Database } from '../db/database.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReaderReject } from './reader-rejects.ts';
import { recordLines } from './record-lines.ts';
import { sqlString } from './sql.ts';

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
    await db.exec(`CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT rowid + 2 AS __line, * FROM ll_rawt`);
    return;
  }
  if (embedded && (await exactLines(db, f))) return;
  // A row numbered p lands after every skipped line s_k with s_k - k < p (k counts skipped lines from 1).
  // Skipped lines in a row share one q: only the last of them (the largest k) may shift, or the join picks any.
  const shifted = skipped.map((s, i) => s - (i + 1));
  const qs = `[${[-1, ...shifted].join(',')}]`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ll_skips AS SELECT q, max(k) AS k FROM (SELECT unnest(${qs}::BIGINT[]) AS q, generate_subscripts(${qs}, 1) - 1 AS k) GROUP BY q`,
  );
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_linefix AS
    WITH p AS (SELECT rowid AS rid, rowid + 2 AS p FROM ll_rawt)
    SELECT rid, p + s.k AS line FROM p ASOF JOIN ll_skips s ON p.p > s.q`);
  await db.exec(
    `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT coalesce(f.line, r.rowid + 2) AS __line, r.* FROM ll_rawt r LEFT JOIN ll_linefix f ON f.rid = r.rowid`,
  );
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
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ll_linefix AS SELECT rid, line FROM read_csv(${sqlString(file)}, header=false, columns={'rid': 'BIGINT', 'line': 'BIGINT'}, auto_detect=false)`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT coalesce(f.line, r.rowid + 2) AS __line, r.* FROM ll_rawt r LEFT JOIN ll_linefix f ON f.rid = r.rowid`,
  );
  return true;
}
