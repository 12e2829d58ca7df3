import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { sqlString } from './sql.ts';
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
  const [c] = await db.all<{ accepted: number; quarantined: number; duplicates: number }>(
    `SELECT (SELECT count(*) FROM ${a.table} WHERE import_id = ${a.id})::DOUBLE AS accepted,
            (SELECT count(*) FROM rejects WHERE import_id = ${a.id})::DOUBLE AS quarantined,
            (SELECT count(*) FROM ll_repeats WHERE kind = 'duplicate')::DOUBLE AS duplicates`,
  );
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
  await db.exec(
    `INSERT INTO imports VALUES (${a.id}, ${sqlString(a.kind)}, ${sqlString(src.name)}, ${src.size}, ${sqlString(src.sha256)}, ${sqlString(src.format)}, ${sqlString(src.encoding)},
      now()::TIMESTAMP, ${rows_read}, ${c.accepted}, ${c.quarantined}, ${c.duplicates}, ${sqlString(JSON.stringify(a.mapping))}, ${sqlString(JSON.stringify(a.warnings))})`,
  );
  const preview = await db.all<{ line: number; reasons: string[]; raw: string }>(
    `SELECT line::DOUBLE AS line, reasons, raw::VARCHAR AS raw FROM rejects WHERE import_id = ${a.id} ORDER BY line LIMIT ${QUARANTINE_PREVIEW}`,
  );
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
    quarantine: preview.map((p) => ({ line: p.line, reasons: [...p.reasons], raw: JSON.parse(p.raw) })),
    warnings: a.warnings,
    dry_run: a.dryRun,
  };
}
