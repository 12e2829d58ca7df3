/**
 * CSV for spreadsheets (RFC 4180 quoting), shared by every command that writes one.
 * - UTF-8 with a byte-order mark, so Excel opens Chinese text correctly.
 * - Formula injection: a text cell starting with = + - @ (or tab / carriage return, which Excel also treats as
 *   formula starts) gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
 *   Numbers are written as numbers and never prefixed: -12.5 is a value we computed, not text from a ledger.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as written by JS (null and non-finite numbers become empty), text neutralised and quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole document: BOM, header, rows, CRLF line ends (what Excel writes and expects). */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
