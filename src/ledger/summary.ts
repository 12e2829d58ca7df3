import type { Database } from '../db/database.ts';
import { sqlString } from './sql.ts';
import type { Source } from './source.ts';

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

/** Counts the staged rows, records the import (unless dry run) and reads back the first quarantined rows. */
export async function finishImport(
  db: Database,
  a: { id: number; kind: ImportSummary['kind']; src: Source; mapping: Record<string, string>; warnings: string[]; staged: string; readerRejected: number; dryRun: boolean },
): Promise<ImportSummary> {
  const [c] = await db.all<{ staged: number; quarantined: number; duplicates: number }>(
    `SELECT count(*)::DOUBLE AS staged, count(*) FILTER (WHERE len(reasons) > 0)::DOUBLE AS quarantined, count(*) FILTER (WHERE is_dup AND len(reasons) = 0)::DOUBLE AS duplicates FROM ${a.staged}`,
  );
  const rows_read = c.staged + a.readerRejected;
  const quarantined = c.quarantined + a.readerRejected;
  const accepted = rows_read - quarantined - c.duplicates;
  const { src } = a;
  await db.exec(
    `INSERT INTO imports VALUES (${a.id}, ${sqlString(a.kind)}, ${sqlString(src.name)}, ${src.size}, ${sqlString(src.sha256)}, ${sqlString(src.format)}, ${sqlString(src.encoding)},
      now()::TIMESTAMP, ${rows_read}, ${accepted}, ${quarantined}, ${c.duplicates}, ${sqlString(JSON.stringify(a.mapping))}, ${sqlString(JSON.stringify(a.warnings))})`,
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
    accepted,
    quarantined,
    duplicates: c.duplicates,
    mapping: a.mapping,
    quarantine: preview.map((p) => ({ line: p.line, reasons: [...p.reasons], raw: JSON.parse(p.raw) })),
    warnings: a.warnings,
    dry_run: a.dryRun,
  };
}
