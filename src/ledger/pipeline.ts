import type { Database } from '../db/database.ts';
import { storeProgramConfig } from '../db/program.ts';
import { storableConfig, type ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import type { ColumnSpec } from './columns.ts';
import { type LoadedMapping, loadMapping, type ResolvedMapping, resolveColumns } from './mapping.ts';
import { type Progress, withProgress } from '../db/ingest/progress.ts';
import { openFileSource, type FileSource } from './file-source.ts';
import { applySqlMapping } from '../db/ingest/mapped-view.ts';
import { finishImport, type ImportSummary } from './summary.ts';
import { assertNoAmbiguousHeaders } from './duplicate-headers.ts';
import { type RepeatRule, takeBackRepeats } from '../db/ingest/repeats.ts';
import { closeStage, insertStaged, nextImportId, openStage, rejectUnread, rejectUnstaged } from '../db/ingest/stage.ts';

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

/** What differs between importing a ledger, a roster and a rules table. */
export interface TableSpec extends RepeatRule {
  kind: ImportSummary['kind'];
  table: 'ledger' | 'accounts' | 'rules';
  columns: ColumnSpec[];
  /** Required columns the kind can do without (the ledger derives a missing event_id). */
  derivable?: string[];
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
    const {
      relation,
      columns,
      col,
      warnings: mapWarnings,
    } = await applySqlMapping(db, src, mapping?.kind === 'sql' ? mapping : undefined);
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
    await openStage(db, await spec.stage(view, m, mapping, warnings, db));

    return await db.transaction(async () => {
      const id = await nextImportId(db);
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
      await rejectUnread(db, id, src.readerRejects);
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
    await closeStage(db);
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
  await withProgress(db, opts.onProgress, 'importing', src.rows, () => insertStaged(db, spec.table, spec.insert, id));
  await rejectUnstaged(db, spec.table, id);
}

/** The typed pass did not take the whole file (or failed as a statement): the import runs again the full way. */
class NotTyped extends Error {}

/** Thrown to roll a dry run back through the same path as a failure, so `check` can never write. */
class DryRunDone extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}
