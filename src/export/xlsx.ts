import ExcelJS from 'exceljs';

/**
 * How a column's values go into the sheet. number / percent / integer stay numbers (percent only changes the
 * display format: 0.125 shows as 12.50 %); date becomes a real Excel date; auto keeps each value's own JS type
 * (number, boolean, Date, text) for columns that mix them; month is a date shown as yyyy-mm, such as a report's "current" column.
 */
export type XlsxCellType = 'number' | 'integer' | 'percent' | 'date' | 'month' | 'string' | 'boolean' | 'auto';

export interface XlsxColumn {
  key: string;
  header: string;
  type: XlsxCellType;
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: Record<string, unknown>[];
}

export interface XlsxOptions {
  /** Workbook creation time in its properties; a fixed default keeps the output reproducible. */
  created?: Date;
}

const FORMATS: Partial<Record<XlsxCellType, string>> = {
  number: '#,##0.##########',
  integer: '#,##0',
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
};
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const DAY = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
// Excel forbids these in sheet names and caps them at 31 characters.
const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;

/**
 * A workbook with one sheet per table: a bold, frozen header row in the caller's language, then the rows.
 * Text is always written as a text cell, never as a formula, so ledger text starting with "=" cannot run.
 */
export async function toXlsx(sheets: XlsxSheet[], opts: XlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Ledger Lens';
  wb.created = wb.modified = opts.created ?? new Date(Date.UTC(2000, 0, 1));
  const used = new Set<string>();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ key: c.key, header: c.header, width: width(c, sheet.rows) }));
    ws.getRow(1).font = { bold: true };
    for (const record of sheet.rows) {
      const row = ws.addRow([]);
      sheet.columns.forEach((c, i) => {
        const { value, numFmt } = cellValue(c.type, record[c.key]);
        if (value === null) return;
        const cell = row.getCell(i + 1);
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A value as its cell: null for an empty cell (null, undefined, NaN and ±Infinity all are). */
export function cellValue(
  type: XlsxCellType,
  v: unknown,
): { value: number | string | boolean | Date | null; numFmt?: string } {
  if (v === null || v === undefined) return { value: null };
  if (type === 'auto') {
    if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date)
      return cellValue(typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'date', v);
    return { value: String(v) };
  }
  if (type === 'string') return { value: String(v) };
  if (type === 'boolean') return { value: typeof v === 'boolean' ? v : String(v) };
  if (type === 'date' || type === 'month') {
    const d = toDate(v);
    if (!d) return { value: String(v) };
    const hasTime = d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() > 0;
    return { value: d, numFmt: hasTime ? DATETIME_FORMAT : FORMATS[type] };
  }
  const n = typeof v === 'number' ? v : Number.NaN;
  if (!Number.isFinite(n)) return typeof v === 'number' ? { value: null } : { value: String(v) };
  return { value: n, numFmt: FORMATS[type] };
}

/**
 * Dates in Ledger Lens are wall-clock days in the program time zone with no zone attached; Excel dates have no
 * zone either, so a day is stored as that day at UTC midnight and reads back as the same day everywhere.
 */
function toDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== 'string') return null;
  const m = DAY.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3] ?? '1', m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function sheetName(name: string, used: Set<string>): string {
  const base = shortName(name.replace(BAD_SHEET_CHARS, '_'), 31) || 'Sheet';
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(out.toLowerCase());
  return out;
}

/** Column width in Excel character units: CJK characters count double; clamped to 8–50. */
function width(c: XlsxColumn, rows: Record<string, unknown>[]): number {
  const len = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  let w = len(c.header);
  for (const r of rows.slice(0, 200)) {
    const v = r[c.key];
    if (v !== null && v !== undefined) w = Math.max(w, c.type === 'date' || c.type === 'month' ? 10 : len(String(v)));
  }
  return Math.min(50, Math.max(8, w + 2));
}

/** A title that fits `max` characters: whole words and an ellipsis, so a sheet is never named "… expired pe". */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // CJK titles have no spaces, and a single long word has nowhere to cut: keep the characters that fit.
  const words = space > max / 3 ? cut.slice(0, space) : cut;
  return `${words.replace(/[\s,;:.–-]+$/, '')}…`;
}
