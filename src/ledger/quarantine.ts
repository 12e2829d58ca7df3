import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { toCsv } from '../csv.ts';

export interface QuarantineRow {
  import_id: number;
  file_name: string;
  line: number;
  reasons: string[];
  raw: Record<string, unknown>;
}

/** Quarantined rows of one import (default: the latest), in file order. */
export async function listQuarantine(
  db: Database,
  opts: { importId?: number; limit?: number } = {},
): Promise<{ import_id: number | null; total: number; rows: QuarantineRow[] }> {
  const [latest] = await db.all<{ id: number | null }>(`SELECT max(import_id)::INTEGER AS id FROM imports`);
  const id = opts.importId ?? latest.id;
  if (id === null) return { import_id: null, total: 0, rows: [] };
  const [found] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM imports WHERE import_id = $id`, {
    id,
  });
  if (found.n === 0)
    throw new UserError('unknown_import', `import ${id} does not exist in this database`, {
      hint: 'Run `ledger-lens quarantine` without --import for the latest, or look at the import history.',
    });
  const [{ total }] = await db.all<{ total: number }>(
    `SELECT count(*)::DOUBLE AS total FROM rejects WHERE import_id = $id`,
    { id },
  );
  const rows = await db.all<{ import_id: number; file_name: string; line: number; reasons: string[]; raw: string }>(
    `SELECT r.import_id, i.file_name, r.line::DOUBLE AS line, r.reasons, r.raw::VARCHAR AS raw
     FROM rejects r JOIN imports i USING (import_id) WHERE r.import_id = $id ORDER BY r.line LIMIT $limit`,
    { id, limit: opts.limit ?? 1_000_000_000 },
  );
  return { import_id: id, total, rows: rows.map((r) => ({ ...r, reasons: [...r.reasons], raw: JSON.parse(r.raw) })) };
}

/** Quarantined rows as CSV for Excel (UTF-8 BOM): where each came from, why, and its raw values in their own columns. */
export function quarantineCsv(rows: QuarantineRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.raw)))];
  return toCsv(
    ['import_id', 'file', 'line', 'reasons', ...columns],
    rows.map((r) => [
      r.import_id,
      r.file_name,
      r.line,
      r.reasons.join('; '),
      ...columns.map((c) => stringify(r.raw[c])),
    ]),
  );
}

function stringify(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
