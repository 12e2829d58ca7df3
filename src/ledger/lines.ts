import type { Database } from '../db/database.ts';
import type { ReaderReject } from './reader-rejects.ts';

export interface LineFacts {
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
 * stays inside one row. The common case (none of those) is plain arithmetic on rowid; a line map is
 * built only when the counts say the file needs it.
 */
export async function createCsvLineView(db: Database, f: LineFacts) {
  const expected = 1 + f.rows + f.readerRejects.length + f.blankLines.length - (f.endsWithNewline ? 0 : 1);
  const embedded = f.newlines > expected;
  const skipped = [...new Set([...f.blankLines, ...f.readerRejects.map((r) => r.line)])].sort((a, b) => a - b);
  if (!embedded && skipped.length === 0) {
    await db.exec(`CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT rowid + 2 AS __line, * FROM ll_rawt`);
    return;
  }
  const nl = f.columns.map((c) => `coalesce(length(${f.col(c)}) - length(replace(${f.col(c)}, chr(10), '')), 0)`).join(' + ');
  const before = embedded ? `coalesce(sum(${nl}) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)` : '0';
  // A row numbered p lands after every skipped line s_k with s_k - k < p (k counts skipped lines from 1).
  const shifted = skipped.map((s, i) => s - (i + 1));
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_skips AS SELECT unnest([${[-1, ...shifted].join(',')}]::BIGINT[]) AS q, generate_subscripts([${[-1, ...shifted].join(',')}], 1) - 1 AS k`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_linefix AS
    WITH p AS (SELECT rowid AS rid, rowid + 2 + ${before} AS p FROM ll_rawt)
    SELECT rid, p + s.k AS line FROM p ASOF JOIN ll_skips s ON p.p > s.q`);
  await db.exec(`CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT f.line AS __line, r.* FROM ll_rawt r JOIN ll_linefix f ON f.rid = r.rowid`);
  if (embedded) {
    // The reader's own reject lines skip quoted newlines too: add those of the rows before them.
    for (const r of f.readerRejects) {
      const [{ k }] = await db.all<{ k: number }>(`SELECT coalesce(max(line - rid - 2), 0)::DOUBLE AS k FROM ll_linefix WHERE rid + 2 < ${r.line}`);
      r.line += Math.max(0, k - skipped.filter((s) => s < r.line).length);
    }
  }
}
