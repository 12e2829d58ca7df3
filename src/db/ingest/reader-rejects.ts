import type { Database } from '../database.ts';
import { sqlRows } from '../sql.ts';

export interface ReaderReject {
  line: number;
  reasons: string[];
  raw: string;
}

const EXPLAIN: Record<string, string> = {
  'TOO MANY COLUMNS': 'the row has more fields than the header; a value probably contains the delimiter without quotes',
  'MISSING COLUMNS': 'the row has fewer fields than the header',
  'UNQUOTED VALUE': 'a quote inside a field is not escaped (write "" for a quote inside a quoted field)',
  'LINE SIZE OVER MAXIMUM': 'the line is longer than 16 MB',
  'INVALID UNICODE': 'the line is not valid UTF-8; if the file was saved by Excel in China, use --encoding gbk',
  'INVALID ENCODING': 'the line is not valid UTF-8; if the file was saved by Excel in China, use --encoding gbk',
  'CAST ERROR': 'a value could not be read',
};

/**
 * Rows DuckDB's CSV reader refused (ragged rows and the like), as quarantine entries with their lines. The reader
 * always creates the table; failing to read it must fail the import, or those rows would vanish from the count.
 */
export async function readerRejects(db: Database, table: string): Promise<ReaderReject[]> {
  const rows = await sqlRows<{ line: number; error_type: string; error_message: string; csv_line: string | null }>(
    db,
    `SELECT line::BIGINT::DOUBLE AS line, error_type::VARCHAR AS error_type, error_message, csv_line FROM ${table} ORDER BY line`,
  );
  const byLine = new Map<number, ReaderReject>();
  for (const r of rows) {
    const entry = byLine.get(r.line) ?? { line: r.line, reasons: [], raw: r.csv_line ?? '' };
    const why = `row: ${EXPLAIN[r.error_type] ?? r.error_message.split('\n')[0]}`;
    if (!entry.reasons.includes(why)) entry.reasons.push(why);
    byLine.set(r.line, entry);
  }
  return [...byLine.values()];
}
