import type { Database } from '../database.ts';
import type { ReaderReject } from './reader-rejects.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/** The staged rows: a view over the source, one row out per row in, with `line`, typed values, `ok`, `reasons`, `raw`. */
export const STAGE = 'll_stage';

/** The scratch tables an import leaves on its connection, dropped when it ends whatever happened. */
const SCRATCH = ['ll_bad', 'll_repeats', 'll_linefix', 'll_skips', 'll_rawt', 'll_csv_rejects', 'll_csv_scans'];

/**
 * Creates the stage view from the SELECT src/ledger/stage-ledger.ts (or import-keyed.ts) composed for the file's
 * columns. Common-subexpression hoisting would evaluate the explaining (slow) branches for every row: it is off
 * until closeStage.
 */
export async function openStage(db: Database, select: string): Promise<void> {
  await sqlExec(db, `CREATE OR REPLACE TEMP VIEW ${STAGE} AS ${select}`);
  await sqlExec(db, `SET disabled_optimizers = 'common_subexpressions'`);
}

/** Puts the optimizer back and drops the scratch tables; never fails (the import's own error is what matters). */
export async function closeStage(db: Database): Promise<void> {
  await sqlExec(db, `RESET disabled_optimizers`).catch(() => undefined);
  for (const t of SCRATCH) await sqlExec(db, `DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
}

/**
 * The next free import number, not a sequence's: sequences ignore rollbacks, and neither a dry run nor a typed
 * pass started again the full way may use one up. Imports are exclusive, so no other one takes the same.
 */
export async function nextImportId(db: Database): Promise<number> {
  const [{ id }] = await sqlRows<{ id: number }>(
    db,
    `SELECT (SELECT coalesce(max(import_id), 0) + 1 FROM imports)::INTEGER AS id`,
  );
  return id;
}

/** Inserts the staged rows that passed validation into `table` as import `id`, in one parallel pass. */
export async function insertStaged(db: Database, table: string, columns: string[], id: number): Promise<void> {
  const cols = columns.join(', ');
  await sqlExec(
    db,
    `INSERT INTO ${table} (${cols}, import_id, source_line) SELECT ${cols}, ${id}, line FROM ${STAGE} WHERE ok`,
  );
}

/** The staged rows the insert did not take (they failed validation) go to `rejects` with every reason. */
export async function rejectUnstaged(db: Database, table: string, id: number): Promise<void> {
  // Usually none, and then the explaining pass is skipped.
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_bad AS SELECT line FROM ${STAGE} EXCEPT SELECT source_line FROM ${table} WHERE import_id = ${id}`,
  );
  const [{ bad }] = await sqlRows<{ bad: number }>(db, `SELECT count(*)::DOUBLE AS bad FROM ll_bad`);
  if (bad > 0)
    await sqlExec(
      db,
      `INSERT INTO rejects SELECT ${id}, line, raw, reasons FROM ${STAGE} WHERE line IN (SELECT line FROM ll_bad)`,
    );
}

/** The rows the file reader refused itself, to `rejects` with their text. */
export async function rejectUnread(db: Database, id: number, rejects: ReaderReject[]): Promise<void> {
  for (const r of rejects) {
    // Bound, not spliced: the raw text of a broken line may hold anything, a NUL included.
    await sqlExec(
      db,
      `INSERT INTO rejects VALUES (${id}, ${r.line}, json_object('source_text', $raw::VARCHAR), from_json($reasons, '["VARCHAR"]'))`,
      { raw: r.raw, reasons: JSON.stringify(r.reasons) },
    );
  }
}
