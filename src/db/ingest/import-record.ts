import type { Database } from '../database.ts';
import { sqlString } from '../ident.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/** What an import did, counted in the database inside its transaction (ll_repeats: src/db/ingest/repeats.ts). */
export async function importCounts(
  db: Database,
  table: string,
  importId: number,
): Promise<{ accepted: number; quarantined: number; duplicates: number }> {
  const [c] = await sqlRows<{ accepted: number; quarantined: number; duplicates: number }>(
    db,
    `SELECT (SELECT count(*) FROM ${table} WHERE import_id = ${importId})::DOUBLE AS accepted,
            (SELECT count(*) FROM rejects WHERE import_id = ${importId})::DOUBLE AS quarantined,
            (SELECT count(*) FROM ll_repeats WHERE kind = 'duplicate')::DOUBLE AS duplicates`,
  );
  return c;
}

/** One row of the imports table: the file, what became of its rows, the mapping used and the warnings given. */
export interface ImportRecord {
  id: number;
  kind: string;
  name: string;
  size: number;
  sha256: string;
  format: string;
  encoding: string;
  rowsRead: number;
  accepted: number;
  quarantined: number;
  duplicates: number;
  mapping: Record<string, string>;
  warnings: string[];
}

export async function recordImport(db: Database, r: ImportRecord): Promise<void> {
  await sqlExec(
    db,
    `INSERT INTO imports VALUES (${r.id}, ${sqlString(r.kind)}, ${sqlString(r.name)}, ${r.size}, ${sqlString(r.sha256)}, ${sqlString(r.format)}, ${sqlString(r.encoding)},
      now()::TIMESTAMP, ${r.rowsRead}, ${r.accepted}, ${r.quarantined}, ${r.duplicates}, ${sqlString(JSON.stringify(r.mapping))}, ${sqlString(JSON.stringify(r.warnings))})`,
  );
}

/** The first `limit` quarantined rows of an import still in its transaction (a dry run shows them too). */
export async function quarantinePreview(
  db: Database,
  importId: number,
  limit: number,
): Promise<{ line: number; reasons: string[]; raw: Record<string, unknown> }[]> {
  const rows = await sqlRows<{ line: number; reasons: string[]; raw: string }>(
    db,
    `SELECT line::DOUBLE AS line, reasons, raw::VARCHAR AS raw FROM rejects WHERE import_id = ${importId} ORDER BY line LIMIT ${limit}`,
  );
  return rows.map((p) => ({ line: p.line, reasons: [...p.reasons], raw: JSON.parse(p.raw) }));
}
