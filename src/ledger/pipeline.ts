import type { Database } from '../db/database.ts';
import { storeProgramConfig } from '../db/program.ts';
import { storableConfig, type ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import type { ColumnSpec } from './columns.ts';
import { type LoadedMapping, loadMapping, type ResolvedMapping, resolveColumns } from './mapping.ts';
import { type Progress, withProgress } from './progress.ts';
import { openFileSource, type FileSource } from './file-source.ts';
import { applySqlMapping } from './sql-mapping.ts';
import { finishImport, type ImportSummary } from './summary.ts';
import { assertNoAmbiguousHeaders } from './duplicate-headers.ts';

export interface ImportOptions {
  file: string;
  mapping?: string;
  encoding?: string;
  /** Settings to store with this import; when absent the database's stored settings (or the defaults) apply. */
  config?: ProgramConfig;
  /** Validate only: everything runs, then the transaction is rolled back (`ledger-lens check`). */
  dryRun?: boolean;
  onProgress?: (p: Progress) => void;
}

/** The staged rows: a view over the source, one row out per row in, with `line`, typed values, `ok`, `reasons`, `raw`. */
export const STAGE = 'll_stage';

/** What differs between importing a ledger, a roster and a rules table. */
export interface TableSpec {
  kind: ImportSummary['kind'];
  table: 'ledger' | 'accounts' | 'rules';
  columns: ColumnSpec[];
  /** Required columns the kind can do without (the ledger derives a missing event_id). */
  derivable?: string[];
  key: string;
  /** Target columns filled from the staged columns of the same names. */
  insert: string[];
  /** Equal in these columns, a row met again is a duplicate; otherwise a conflict (ledger) or a newer version (roster, rules). */
  same: string[];
  onChanged: 'conflict' | 'replace';
  stage(
    view: FileSource & { relation: string },
    m: ResolvedMapping,
    mapping: LoadedMapping | undefined,
    warnings: string[],
    db: Database,
  ): Promise<string> | string;
  /** Work on the accepted rows inside the import's transaction (the ledger's rollups), skipped on a dry run. */
  afterInsert?(db: Database, importId: number): Promise<void>;
  /** Warnings that need the staged rows, counted inside the transaction. */
  notes?(db: Database): Promise<string[]>;
  /**
   * The one-pass path for a file that needs no explaining, asked before the file is opened: undefined when the
   * file's shape does not allow it; else the writer that types the file straight into the table as import `id`,
   * leaving out every row the stage would not accept as it is, and returns the rows written.
   */
  typedInsert?(db: Database, file: string): Promise<((id: number) => Promise<number>) | undefined>;
}

/**
 * The import skeleton shared by every kind, as one transaction:
 *  1. insert the rows that pass validation straight into the target table (one parallel pass); a plain UTF-8 CSV
 *     whose every line the typed pass takes (canonical header, plain values) is typed by DuckDB's reader alone,
 *     without the staged copy of its text; any other file is rolled back and imported again through the stage;
 *  2. take back out the later copies of a key within the file and the rows met before, with their reasons;
 *  3. write the rows that failed validation, with every reason, to `rejects`;
 *  4. check rows_read = accepted + quarantined + duplicates against an independent count, else roll back.
 * Any failure — or a dry run — rolls the whole transaction back, so the database is never half-written.
 */
export async function runImport(db: Database, opts: ImportOptions, spec: TableSpec): Promise<ImportSummary> {
  try {
    return await importOnce(db, opts, spec);
  } catch (e) {
    // Rolled back with nothing written: the whole import again, the full way.
    if (e instanceof NotTyped) return importOnce(db, opts, { ...spec, typedInsert: undefined });
    throw e;
  }
}

async function importOnce(db: Database, opts: ImportOptions, spec: TableSpec): Promise<ImportSummary> {
  const mapping = loadMapping(opts.mapping);
  const typed = spec.typedInsert && !mapping ? await spec.typedInsert(db, opts.file) : undefined;
  const src = await openFileSource(db, opts.file, {
    encoding: opts.encoding,
    onProgress: opts.onProgress,
    defer: Boolean(typed),
  });
  try {
    const { relation, columns, col, warnings: mapWarnings } = await applySqlMapping(db, src, mapping);
    const view = { ...src, columns, col, relation };
    const m = resolveColumns(
      opts.file,
      columns,
      spec.columns,
      mapping?.kind === 'columns' ? mapping.spec : undefined,
      spec.derivable ?? [],
      spec.table === 'ledger',
    );
    assertNoAmbiguousHeaders(opts.file, src, m.columns);
    const warnings = [...src.warnings, ...mapWarnings, ...m.warnings];
    assertRows(opts.file, src);
    await db.exec(`CREATE OR REPLACE TEMP VIEW ${STAGE} AS ${await spec.stage(view, m, mapping, warnings, db)}`);
    // Common-subexpression hoisting would evaluate the explaining (slow) branches for every row.
    await db.exec(`SET disabled_optimizers = 'common_subexpressions'`);

    return await db.transaction(async () => {
      // The next free number, not a sequence's: sequences ignore rollbacks, and neither a dry run nor a typed pass
      // started again the full way may use one up. Imports are exclusive, so no other one takes the same.
      const [{ id }] = await db.all<{ id: number }>(
        `SELECT (SELECT coalesce(max(import_id), 0) + 1 FROM imports)::INTEGER AS id`,
      );
      if (opts.config) {
        const stored = storableConfig(opts.config);
        if (stored.warning) warnings.push(stored.warning);
        await storeProgramConfig(db, JSON.stringify(stored.config));
      }
      const onePass = typed && src.deferred ? await typedPass(db, typed, src, id, opts.onProgress) : false;
      if (!onePass) await stagedPass(db, spec, src, id, opts);
      await takeBackRepeats(db, spec, id);
      // The typed pass takes plain values only: no spelling worth a note.
      if (spec.notes && !onePass) warnings.push(...(await spec.notes(db)));
      for (const r of src.readerRejects) {
        // Bound, not spliced: the raw text of a broken line may hold anything, a NUL included.
        await db.exec(
          `INSERT INTO rejects VALUES (${id}, ${r.line}, json_object('source_text', $raw::VARCHAR), from_json($reasons, '["VARCHAR"]'))`,
          { raw: r.raw, reasons: JSON.stringify(r.reasons) },
        );
      }
      if (spec.afterInsert && !opts.dryRun) await spec.afterInsert(db, id);
      const summary = await finishImport(db, {
        id,
        kind: spec.kind,
        table: spec.table,
        src,
        mapping: m.columns,
        warnings,
        dryRun: Boolean(opts.dryRun),
      });
      if (opts.dryRun) throw new DryRunDone(summary);
      return summary;
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.summary;
    // A mapping's SQL can fail while rows are read (a cast on a bad value): that is the mapping's problem to fix.
    if (mapping?.kind === 'sql' && !(e instanceof UserError)) {
      throw new UserError(
        'mapping_sql_failed',
        `${mapping.file}: the SQL mapping fails on the data of ${opts.file}: ${(e as Error).message.split('\n')[0]}; nothing was imported`,
        {
          hint: 'Use TRY_CAST instead of CAST in the mapping, and leave validation of values to the importer.',
        },
      );
    }
    throw e;
  } finally {
    await db.exec(`RESET disabled_optimizers`).catch(() => undefined);
    for (const t of ['ll_bad', 'll_repeats', 'll_linefix', 'll_skips', 'll_rawt', 'll_csv_rejects', 'll_csv_scans'])
      await db.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    src.cleanup();
  }
}

function assertRows(file: string, src: FileSource) {
  if (src.rows === 0) {
    throw new UserError('no_rows', `${file}: the file has a header but no data rows`, {
      hint: 'Export the file again with its rows; nothing was imported.',
    });
  }
}

/**
 * A deferred source typed in one pass (TableSpec.typedInsert). It stands only when it wrote every line after the
 * header: then each record is one line, none was refused or left out, and the line numbers are right. Otherwise it
 * throws NotTyped, which rolls the transaction back (nothing of it stays) for runImport to start again.
 */
async function typedPass(
  db: Database,
  write: (id: number) => Promise<number>,
  src: FileSource,
  id: number,
  onProgress: ImportOptions['onProgress'],
): Promise<true> {
  const written = await withProgress(db, onProgress, 'importing', src.rows, () => write(id)).catch((e: Error) => {
    throw new NotTyped(e.message);
  });
  if (written !== src.rows) throw new NotTyped(`${written} rows typed of ${src.rows} lines`);
  return true;
}

/**
 * The full pass: every row through the stage, the valid ones inserted in one parallel pass; the rest, and the
 * rows the reader refused, to `rejects` with their reasons.
 */
async function stagedPass(db: Database, spec: TableSpec, src: FileSource, id: number, opts: ImportOptions) {
  const cols = spec.insert.join(', ');
  await withProgress(db, opts.onProgress, 'importing', src.rows, () =>
    db.exec(
      `INSERT INTO ${spec.table} (${cols}, import_id, source_line) SELECT ${cols}, ${id}, line FROM ${STAGE} WHERE ok`,
    ),
  );
  // Lines the insert did not take failed validation; usually none, and then the explaining pass is skipped.
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ll_bad AS SELECT line FROM ${STAGE} EXCEPT SELECT source_line FROM ${spec.table} WHERE import_id = ${id}`,
  );
  const [{ bad }] = await db.all<{ bad: number }>(`SELECT count(*)::DOUBLE AS bad FROM ll_bad`);
  if (bad > 0)
    await db.exec(
      `INSERT INTO rejects SELECT ${id}, line, raw, reasons FROM ${STAGE} WHERE line IN (SELECT line FROM ll_bad)`,
    );
}

/** The typed pass did not take the whole file (or failed as a statement): the import runs again the full way. */
class NotTyped extends Error {}

/** Thrown to roll a dry run back through the same path as a failure, so `check` can never write. */
class DryRunDone extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

/**
 * Rows of this import whose key was already there — earlier in the same file, or from an earlier import —
 * are moved out of the target: to `rejects` with the reason, or counted as duplicates when identical.
 * For rosters and rules a changed row is the newer version: the older row goes instead.
 */
async function takeBackRepeats(db: Database, spec: TableSpec, id: number) {
  const { table: t, key } = spec;
  const rawJson = `json_object(${spec.insert.map((c) => `'${c}', n.${c}::VARCHAR`).join(', ')})`;
  // Grouping 64-bit hashes is several times cheaper than grouping the id strings; only the few colliding
  // hashes are then grouped by the id itself.
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_repeats AS
    WITH candidates AS (SELECT hash(${key}) AS h FROM ${t} WHERE import_id = ${id} GROUP BY h HAVING count(*) > 1),
    firsts AS (
      SELECT ${key} AS k, min(source_line) AS first_line FROM ${t}
      WHERE import_id = ${id} AND hash(${key}) IN (SELECT h FROM candidates) GROUP BY ${key} HAVING count(*) > 1)
    SELECT n.source_line AS line, 'again' AS kind, ${rawJson} AS raw,
      '${key}: "' || n.${key} || '" appears again; first at line ' || f.first_line::VARCHAR AS reason, NULL::BIGINT AS old_rowid
    FROM ${t} n JOIN firsts f ON n.${key} = f.k AND n.source_line > f.first_line WHERE n.import_id = ${id}`);
  const same = spec.same.map((c) => `n.${c} IS NOT DISTINCT FROM o.${c}`).join(' AND ');
  const [{ earlier }] = await db.all<{ earlier: number }>(
    `SELECT count(*)::DOUBLE AS earlier FROM (SELECT 1 FROM ${t} WHERE import_id <> ${id} LIMIT 1)`,
  );
  if (earlier > 0)
    await db.exec(`INSERT INTO ll_repeats
    SELECT n.source_line, CASE WHEN ${same} THEN 'duplicate' ELSE 'changed' END, ${rawJson},
      '${key}: "' || n.${key} || '" was imported before (import ' || o.import_id::VARCHAR || ', line ' || o.source_line::VARCHAR || ') with different values',
      o.rowid
    FROM ${t} n JOIN ${t} o ON n.${key} = o.${key} AND o.import_id <> ${id}
    WHERE n.import_id = ${id} AND n.source_line NOT IN (SELECT line FROM ll_repeats)`);
  if (spec.onChanged === 'replace') {
    await db.exec(`DELETE FROM ${t} WHERE rowid IN (SELECT old_rowid FROM ll_repeats WHERE kind = 'changed')`);
    await db.exec(`DELETE FROM ll_repeats WHERE kind = 'changed'`);
  }
  // Usually nothing repeats: then the delete and the quarantine would only scan the rows (and the file) for nothing.
  const [{ repeats, kept }] = await db.all<{ repeats: number; kept: number }>(
    `SELECT count(*)::DOUBLE AS repeats, count(*) FILTER (WHERE kind <> 'duplicate')::DOUBLE AS kept FROM ll_repeats`,
  );
  if (repeats > 0)
    await db.exec(`DELETE FROM ${t} WHERE import_id = ${id} AND source_line IN (SELECT line FROM ll_repeats)`);
  if (kept > 0)
    await db.exec(`INSERT INTO rejects SELECT ${id}, r.line, coalesce(s.raw_source, r.raw), [r.reason]
    FROM ll_repeats r LEFT JOIN (SELECT line, raw_source FROM ${STAGE} WHERE line IN (SELECT line FROM ll_repeats WHERE kind <> 'duplicate')) s ON s.line = r.line
    WHERE r.kind <> 'duplicate'`);
}

export async function repeatCounts(db: Database): Promise<number> {
  const [{ n }] = await db.all<{ n: number }>(
    `SELECT count(*) FILTER (WHERE kind = 'duplicate')::DOUBLE AS n FROM ll_repeats`,
  );
  return n;
}
