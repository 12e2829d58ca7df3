import type { Database } from '../db/database.ts';
import type { ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import type { ColumnSpec } from './columns.ts';
import { fixLines } from './lines.ts';
import { type LoadedMapping, loadMapping, type ResolvedMapping, resolveColumns } from './mapping.ts';
import { type Progress, withProgress } from './progress.ts';
import { readerRejects } from './reader-rejects.ts';
import { openSource, type Source } from './source.ts';
import { applySqlMapping } from './sql-mapping.ts';
import { sqlString } from './sql.ts';
import { finishImport, type ImportSummary } from './summary.ts';

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

export const STAGED = 'll_staged';

/** What differs between importing a ledger, a roster and a rules table. */
export interface TableSpec {
  kind: ImportSummary['kind'];
  columns: ColumnSpec[];
  /** Required columns the kind can do without (the ledger derives a missing event_id). */
  derivable?: string[];
  /** The staging SELECT: one row out per row in, with `line`, typed values and `reasons`. */
  stage(view: Source & { relation: string }, m: ResolvedMapping, mapping: LoadedMapping | undefined, warnings: string[]): Promise<string> | string;
  /** Marks duplicates and conflicts in the staged table (sets is_dup, appends reasons). */
  mark(db: Database): Promise<void>;
  /** Writes the accepted rows of the staged table under import `id`. */
  commit(db: Database, id: number): Promise<void>;
  /** Warnings that need the staged rows (counted inside the transaction). */
  notes?(db: Database): Promise<string[]>;
  /** Columns of the staged table rebuilt as raw JSON for rows whose reasons came after staging. */
  rawFallback: string;
}

/**
 * The import skeleton shared by every kind: read the file once into a staged table inside one transaction,
 * number the lines, mark duplicates, write accepted rows and quarantined rows, record the import.
 * Any failure — or a dry run — rolls the whole transaction back, so the database is never half-written.
 */
export async function runImport(db: Database, opts: ImportOptions, spec: TableSpec): Promise<ImportSummary> {
  const mapping = loadMapping(opts.mapping);
  const src = await openSource(db, opts.file, { encoding: opts.encoding });
  try {
    const { relation, columns, col, warnings: mapWarnings } = await applySqlMapping(db, src, mapping);
    const view = { ...src, columns, col, relation };
    const m = resolveColumns(opts.file, columns, spec.columns, mapping?.kind === 'columns' ? mapping.spec : undefined, spec.derivable ?? []);
    assertNoAmbiguousHeaders(opts.file, src, m.columns);
    const warnings = [...src.warnings, ...mapWarnings, ...m.warnings];
    const stage = await spec.stage(view, m, mapping, warnings);

    return await db.transaction(async () => {
      const [{ id }] = await db.all<{ id: number }>(`SELECT nextval('import_seq')::INTEGER AS id`);
      if (opts.config) await db.exec(`INSERT OR REPLACE INTO program VALUES (1, ${sqlString(JSON.stringify(opts.config))})`);
      await withProgress(db, opts.onProgress, () => db.exec(`CREATE OR REPLACE TEMP TABLE ${STAGED} AS SELECT *, false AS is_dup FROM (${stage})`));
      const rejected = await readerRejects(db, src.rejectsTable);
      const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${STAGED}`);
      if (n + rejected.length === 0) {
        throw new UserError('no_rows', `${opts.file}: the file has a header but no data rows`, { hint: 'Export the file again with its rows; nothing was imported.' });
      }
      await fixLines(db, view, STAGED, n, rejected);
      await spec.mark(db);
      if (spec.notes) warnings.push(...(await spec.notes(db)));
      await spec.commit(db, id);
      await db.exec(`INSERT INTO rejects SELECT ${id}, line, coalesce(raw, ${spec.rawFallback}), reasons FROM ${STAGED} WHERE len(reasons) > 0`);
      for (const r of rejected) {
        await db.exec(`INSERT INTO rejects VALUES (${id}, ${r.line}, json_object('line', ${sqlString(r.raw)}), [${r.reasons.map(sqlString).join(', ')}]::VARCHAR[])`);
      }
      const summary = await finishImport(db, { id, kind: spec.kind, src, mapping: m.columns, warnings, staged: STAGED, readerRejected: rejected.length, dryRun: Boolean(opts.dryRun) });
      if (opts.dryRun) throw new DryRunDone(summary);
      return summary;
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.summary;
    throw e;
  } finally {
    for (const t of [STAGED, 'll_dups', 'll_seen', 'll_nl', 'll_skips', 'll_csv_rejects', 'll_csv_scans']) await db.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    src.cleanup();
  }
}

/** Thrown to roll a dry run back through the same path as a failure, so `check` can never write. */
class DryRunDone extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

function assertNoAmbiguousHeaders(file: string, src: Source, used: Record<string, string>) {
  const dups = src.duplicateHeaders ?? [];
  if (dups.length === 0) return;
  const names = new Set(Object.values(used));
  const clash = dups.filter((d) => names.has(d.name));
  if (clash.length > 0) {
    throw new UserError('duplicate_header', `${file}: line 1 names the same column twice: ${clash.map((d) => `"${d.name}" (columns ${d.positions.join(' and ')})`).join(', ')}; it is not clear which one to use`, {
      hint: 'Rename one of the columns in the file, or map the canonical column to the renamed one with --mapping.',
    });
  }
  src.warnings.push(`header: column names appear twice (${dups.map((d) => `"${d.name}"`).join(', ')}); the later ones are kept as "<name>_2" attributes`);
}

/** Later rows with an id seen earlier in the same file are quarantined, naming the first line. */
export async function markWithinFileDuplicates(db: Database, key: string, label: string) {
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_dups AS
    SELECT ${key} AS k, min(line) AS first_line FROM ${STAGED} WHERE ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1`);
  await db.exec(`UPDATE ${STAGED} SET reasons = list_append(reasons, '${label}: "' || ${STAGED}.${key} || '" appears again; first at line ' || d.first_line::VARCHAR)
    FROM ll_dups d WHERE ${STAGED}.${key} = d.k AND ${STAGED}.line > d.first_line`);
}
