import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
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
  const [pick] = await run(db, 'quarantine_import', { import_id: opts.importId ?? null });
  const id = pick.import_id;
  if (id === null) return { import_id: null, total: 0, rows: [] };
  if (pick.found === 0)
    throw new UserError('unknown_import', `import ${id} does not exist in this database`, {
      hint: 'Run `ledger-lens quarantine` without --import for the latest, or look at the import history.',
    });
  const rows = await run(db, 'quarantine_rows', { import_id: id, limit: opts.limit ?? 1_000_000_000 });
  return { import_id: id, total: pick.total, rows: rows.map((r) => ({ ...r, raw: JSON.parse(r.raw) })) };
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
