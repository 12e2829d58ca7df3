import type { Database } from '../database.ts';
import { STAGE } from './stage.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/** Which rows are the same record: the key, the columns written, and what a row met again with other values means. */
export interface RepeatRule {
  table: string;
  key: string;
  /** Target columns filled from the staged columns of the same names. */
  insert: string[];
  /** Equal in these columns, a row met again is a duplicate; otherwise a conflict (ledger) or a newer version (roster, rules). */
  same: string[];
  onChanged: 'conflict' | 'replace';
}

/**
 * Rows of this import whose key was already there — earlier in the same file, or from an earlier import —
 * are moved out of the target: to `rejects` with the reason, or counted as duplicates when identical.
 * For rosters and rules a changed row is the newer version: the older row goes instead.
 */
export async function takeBackRepeats(db: Database, spec: RepeatRule, id: number) {
  const { table: t, key } = spec;
  const rawJson = `json_object(${spec.insert.map((c) => `'${c}', n.${c}::VARCHAR`).join(', ')})`;
  // 64-bit hashes are far cheaper to compare than the id strings, and sorting them to find equal neighbours costs
  // about two thirds of grouping them (a hash table of every id outgrows the caches); only the few repeated hashes
  // are then grouped by the id itself.
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_repeats AS
    WITH candidates AS (
      SELECT DISTINCT h FROM (SELECT h, lag(h) OVER (ORDER BY h) AS before
        FROM (SELECT hash(${key}) AS h FROM ${t} WHERE import_id = ${id})) WHERE h = before),
    firsts AS (
      SELECT ${key} AS k, min(source_line) AS first_line FROM ${t}
      WHERE import_id = ${id} AND hash(${key}) IN (SELECT h FROM candidates) GROUP BY ${key} HAVING count(*) > 1)
    SELECT n.source_line AS line, 'again' AS kind, ${rawJson} AS raw,
      '${key}: "' || n.${key} || '" appears again; first at line ' || f.first_line::VARCHAR AS reason, NULL::BIGINT AS old_rowid
    FROM ${t} n JOIN firsts f ON n.${key} = f.k AND n.source_line > f.first_line WHERE n.import_id = ${id}`,
  );
  const same = spec.same.map((c) => `n.${c} IS NOT DISTINCT FROM o.${c}`).join(' AND ');
  const [{ earlier }] = await sqlRows<{ earlier: number }>(
    db,
    `SELECT count(*)::DOUBLE AS earlier FROM (SELECT 1 FROM ${t} WHERE import_id <> ${id} LIMIT 1)`,
  );
  if (earlier > 0)
    await sqlExec(
      db,
      `INSERT INTO ll_repeats
    SELECT n.source_line, CASE WHEN ${same} THEN 'duplicate' ELSE 'changed' END, ${rawJson},
      '${key}: "' || n.${key} || '" was imported before (import ' || o.import_id::VARCHAR || ', line ' || o.source_line::VARCHAR || ') with different values',
      o.rowid
    FROM ${t} n JOIN ${t} o ON n.${key} = o.${key} AND o.import_id <> ${id}
    WHERE n.import_id = ${id} AND n.source_line NOT IN (SELECT line FROM ll_repeats)`,
    );
  if (spec.onChanged === 'replace') {
    await sqlExec(db, `DELETE FROM ${t} WHERE rowid IN (SELECT old_rowid FROM ll_repeats WHERE kind = 'changed')`);
    await sqlExec(db, `DELETE FROM ll_repeats WHERE kind = 'changed'`);
  }
  // Usually nothing repeats: then the delete and the quarantine would only scan the rows (and the file) for nothing.
  const [{ repeats, kept }] = await sqlRows<{ repeats: number; kept: number }>(
    db,
    `SELECT count(*)::DOUBLE AS repeats, count(*) FILTER (WHERE kind <> 'duplicate')::DOUBLE AS kept FROM ll_repeats`,
  );
  if (repeats > 0)
    await sqlExec(db, `DELETE FROM ${t} WHERE import_id = ${id} AND source_line IN (SELECT line FROM ll_repeats)`);
  if (kept > 0)
    await sqlExec(
      db,
      `INSERT INTO rejects SELECT ${id}, r.line, coalesce(s.raw_source, r.raw), [r.reason]
    FROM ll_repeats r LEFT JOIN (SELECT line, raw_source FROM ${STAGE} WHERE line IN (SELECT line FROM ll_repeats WHERE kind <> 'duplicate')) s ON s.line = r.line
    WHERE r.kind <> 'duplicate'`,
    );
}
