import type { ColumnTable } from 'arquero';

/** An arquero table as its header and rows of values, for comparing with a literal. */
export function rowsOf(t: ColumnTable): { header: string[]; rows: unknown[][] } {
  const header = t.columnNames();
  return { header, rows: t.objects().map((o) => header.map((h) => (o as Record<string, unknown>)[h])) };
}
