import type { Database } from '../db/database.ts';
import type { Source } from './source.ts';

/**
 * Gives every staged row its physical line in the source file. The readers number rows, not lines: they skip
 * blank lines, rows they reject themselves, and count a quoted field's newline as part of one row.
 * The common case (none of those) costs nothing; the corrections run only when the counts say they are needed.
 */
export async function fixLines(db: Database, src: Source, table: string, goodRows: number, readerRejects: { line: number }[]) {
  const readerRejectLines = readerRejects.map((r) => r.line);
  const header = src.format === 'csv' ? 1 : 0;
  const expected = header + goodRows + readerRejectLines.length + src.blankLines.length - (src.endsWithNewline ? 0 : 1);
  if (src.format === 'csv' && src.newlines > expected) {
    const nl = src.columns.map((c) => `coalesce(length(${src.col(c)}) - length(replace(${src.col(c)}, chr(10), '')), 0)`).join(' + ');
    await db.exec(`CREATE OR REPLACE TEMP TABLE ll_nl AS
      SELECT __line AS p, coalesce(sum(${nl}) OVER (ORDER BY __line ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM ll_raw`);
    // The reader's own reject lines skip those newlines too (close enough: rows before it by row number).
    for (const r of readerRejects) {
      const [{ k }] = await db.all<{ k: number }>(`SELECT coalesce(max(before), 0)::DOUBLE AS k FROM ll_nl WHERE p < ${r.line}`);
      r.line += k;
    }
    await db.exec(`UPDATE ${table} SET line = line + ll_nl.before FROM ll_nl WHERE ${table}.line = ll_nl.p AND ll_nl.before > 0`);
  }
  const skipped = [...new Set([...src.blankLines, ...readerRejectLines])].sort((a, b) => a - b);
  if (skipped.length === 0) return;
  // A row numbered p lands after every skipped line s_k with s_k - k < p (k counts skipped lines from 1).
  const shifted = skipped.map((s, i) => s - (i + 1));
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_skips AS SELECT unnest([${shifted.join(',')}]::BIGINT[]) AS q`);
  await db.exec(`UPDATE ${table} SET line = line + (SELECT count(*) FROM ll_skips WHERE q < ${table}.line)`);
}
