import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { importCounts, quarantinePreview, recordImport } from '../db/ingest/import-record.ts';
import type { FileSource } from './file-source.ts';

export interface QuarantineEntry {
  line: number;
  reasons: string[];
  raw: Record<string, unknown>;
}

/** What `ledger-lens import|check --json` prints (cli.md): rows_read = accepted + quarantined + duplicates. */
export interface ImportSummary {
  import_id: number | null;
  kind: 'ledger' | 'accounts' | 'rules';
  file: string;
  format: string;
  encoding: string;
  sha256: string;
  rows_read: number;
  accepted: number;
  quarantined: number;
  duplicates: number;
  mapping: Record<string, string>;
  quarantine: QuarantineEntry[];
  warnings: string[];
  dry_run: boolean;
}

export const QUARANTINE_PREVIEW = 20;

/**
 * Counts what this import did, checks rows_read = accepted + quarantined + duplicates against the reader's own
 * count (a mismatch is a bug or a filtering SQL mapping: the transaction rolls back), and records the import.
 */
export async function finishImport(
  db: Database,
  a: {
    id: number;
    kind: ImportSummary['kind'];
    table: string;
    src: FileSource;
    mapping: Record<string, string>;
    warnings: string[];
    dryRun: boolean;
  },
): Promise<ImportSummary> {
  const c = await importCounts(db, a.table, a.id);
  const { src } = a;
  const rows_read = src.rows;
  if (rows_read !== c.accepted + c.quarantined + c.duplicates) {
    throw new UserError(
      'reconciliation_failed',
      `${src.file}: ${rows_read} rows were read but ${c.accepted} accepted + ${c.quarantined} quarantined + ${c.duplicates} duplicates = ${c.accepted + c.quarantined + c.duplicates}; nothing was imported`,
      {
        hint: 'An SQL mapping must return exactly one row per source row (no WHERE, no joins that repeat rows). Otherwise this is a bug: please report it with the file.',
      },
    );
  }
  await recordImport(db, {
    id: a.id,
    kind: a.kind,
    name: src.name,
    size: src.size,
    sha256: src.sha256,
    format: src.format,
    encoding: src.encoding,
    rowsRead: rows_read,
    ...c,
    mapping: a.mapping,
    warnings: a.warnings,
  });
  const preview = await quarantinePreview(db, a.id, QUARANTINE_PREVIEW);
  return {
    import_id: a.dryRun ? null : a.id,
    kind: a.kind,
    file: src.file,
    format: src.format,
    encoding: src.encoding,
    sha256: src.sha256,
    rows_read,
    accepted: c.accepted,
    quarantined: c.quarantined,
    duplicates: c.duplicates,
    mapping: a.mapping,
    quarantine: preview,
    warnings: a.warnings,
    dry_run: a.dryRun,
  };
}
