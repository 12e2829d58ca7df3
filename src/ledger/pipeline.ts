import type { Database } from '../db/database.ts';
import { storeProgramConfig } from '../db/program.ts';
import { storableConfig, type ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import type { ColumnSpec } from './columns.ts';
import { type LoadedMapping, loadMapping, type ResolvedMapping, resolveColumns } from './mapping.ts';
import { type Progress, withProgress } from './progress.ts';
import { openFileSource, type Source } from './file-source.ts';
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
    view: Source & { relation: string },
    m: ResolvedMapping,
    mapping: LoadedMapping | undefined,
    warnings: string[],
    db: Database,
  ): Promise<string> | string;
  /** Work on the accepted rows inside the import's transaction (the ledger's rollups), skipped on a dry run. */
  afterInsert?(db: Database, importId: number): Promise<void>;
  /** Warnings that need the staged rows, counted inside the transaction. */
  notes?(db: Database): Promise<string[]>;
}

/**
 * The import skeleton shared by every kind, as one transaction:
 *  1. insert the rows that pass validation straight into the target table (one parallel pass);
 *  2. take back out the later copies of a key within the file and the rows met before, with their reasons;
 *  3. write the rows that failed validation, with every reason, to `rejects`;
 *  4. check rows_read = accepted + quarantined + duplicates against an independent count, else roll back.
 * Any failure — or a dry run — rolls the whole transaction back, so the database is never half-written.
 */
export async function runImport(db: Database, opts: ImportOptions, spec: TableSpec): Promise<ImportSummary> {
  const mapping = loadMapping(opts.mapping);
  const src = await openFileSource(db, opts.file, { encoding: opts.encoding, onProgress: opts.onProgress });
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
    if (src.rows === 0) {
      throw new UserError('no_rows', `${opts.file}: the file has a header but no data rows`, {
        hint: 'Export the file again with its rows; nothing was imported.',
      });
    }
    await db.exec(`CREATE OR REPLACE TEMP VIEW ${STAGE} AS ${await spec.stage(view, m, mapping, warnings, db)}`);
    // Common-subexpression hoisting would evaluate the explaining (slow) branches for every row.
    await db.exec(`SET disabled_optimizers = 'common_subexpressions'`);

    return await db.transaction(async () => {
      // Sequences ignore rollbacks: a dry run borrows the next free number instead of drawing one.
      const next = opts.dryRun ? `(SELECT coalesce(max(import_id), 0) + 1 FROM imports)` : `nextval('import_seq')`;
      const [{ id }] = await db.all<{ id: number }>(`SELECT ${next}::INTEGER AS id`);
      if (opts.config) {
        const stored = storableConfig(opts.config);
        if (stored.warning) warnings.push(stored.warning);
        await storeProgramConfig(db, JSON.stringify(stored.config));
      }
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
      await takeBackRepeats(db, spec, id);
      if (bad > 0)
        await db.exec(
          `INSERT INTO rejects SELECT ${id}, line, raw, reasons FROM ${STAGE} WHERE line IN (SELECT line FROM ll_bad)`,
        );
      if (spec.notes) warnings.push(...(await spec.notes(db)));
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
  await db.exec(`DELETE FROM ${t} WHERE import_id = ${id} AND source_line IN (SELECT line FROM ll_repeats)`);
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
