import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';

export interface QuarantineRow {
  import_id: number;
  file_name: string;
  line: number;
  reasons: string[];
  raw: Record<string, unknown>;
}

/** Quarantined rows of one import (default: the latest), in file order. */
export async function listQuarantine(db: Database, opts: { importId?: number; limit?: number } = {}): Promise<{ import_id: number | null; total: number; rows: QuarantineRow[] }> {
  const [latest] = await db.all<{ id: number | null }>(`SELECT max(import_id)::INTEGER AS id FROM imports`);
  const id = opts.importId ?? latest.id;
  if (id === null) return { import_id: null, total: 0, rows: [] };
  const [found] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM imports WHERE import_id = $id`, { id });
  if (found.n === 0) throw new UserError('unknown_import', `import ${id} does not exist in this database`, { hint: 'Run `ledger-lens quarantine` without --import for the latest, or look at the import history.' });
  const [{ total }] = await db.all<{ total: number }>(`SELECT count(*)::DOUBLE AS total FROM rejects WHERE import_id = $id`, { id });
  const rows = await db.all<{ import_id: number; file_name: string; line: number; reasons: string[]; raw: string }>(
    `SELECT r.import_id, i.file_name, r.line::DOUBLE AS line, r.reasons, r.raw::VARCHAR AS raw
     FROM rejects r JOIN imports i USING (import_id) WHERE r.import_id = $id ORDER BY r.line LIMIT $limit`,
    { id, limit: opts.limit ?? 1_000_000_000 },
  );
  return { import_id: id, total, rows: rows.map((r) => ({ ...r, reasons: [...r.reasons], raw: JSON.parse(r.raw) })) };
}
