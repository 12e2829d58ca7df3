import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Database } from '../db/database.ts';
import { ident } from '../db/ident.ts';
import { UserError } from '../errors.ts';
import { bomEncoding, decodeSample, detectEncoding, unmarkedUtf16 } from './encoding.ts';
import { scanFile, sha256File } from './scan.ts';
import { assertText, detectFormat, type Format, sniffCsv } from './sniff.ts';
import { sqlString } from './sql.ts';
import { createCsvLineView } from './lines.ts';
import { type ReaderReject, readerRejects } from './reader-rejects.ts';
import { type Progress, withProgress } from './progress.ts';

const SAMPLE_BYTES = 256 * 1024;

/** A source file opened as the temp relation `ll_raw`: text columns plus `__line`, the row's line in the file. */
export interface FileSource {
  file: string;
  name: string;
  size: number;
  sha256: string;
  format: Format;
  encoding: string;
  columns: string[];
  /** Expression reading one source column as text from ll_raw. */
  col(name: string): string;
  /** Rows read (before validation), counted independently of the validation so reconciliation is a real check. */
  rows: number;
  /** CSV only: rows the reader refused itself (ragged rows, overlong lines), with their lines. */
  readerRejects: ReaderReject[];
  duplicateHeaders?: { name: string; positions: number[] }[];
  blankLines: number[];
  newlines: number;
  endsWithNewline: boolean;
  warnings: string[];
  /**
   * Set when openFileSource was asked to `defer` and the file is a plain UTF-8 CSV (no blank lines, nothing set aside,
   * no repaired copy): nothing is read yet, `rows` counts the file's lines after the header, and `ll_raw` reads the
   * file directly, numbering records as lines, which holds only if every record is one line the reader accepts. A
   * caller that finds otherwise opens the file again without `defer` (ll_rawt, exact lines, the reader's rejects).
   */
  deferred?: { readPath: string };
  cleanup(): void;
}

function readSample(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = readSync(fd, buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function statFile(file: string): number {
  try {
    const st = statSync(file);
    if (!st.isFile())
      throw new UserError('not_a_file', `${file}: not a file`, { hint: 'Give the path of an exported ledger file.' });
    return st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      'file_not_found',
      `${file}: cannot open the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { hint: 'Check the path.' },
    );
  }
}

export async function openFileSource(
  db: Database,
  file: string,
  opts: { encoding?: string; onProgress?: (p: Progress) => void; defer?: boolean } = {},
): Promise<FileSource> {
  const size = statFile(file);
  if (size === 0)
    throw new UserError('empty_file', `${file}: the file is empty (0 bytes)`, {
      hint: 'Export the ledger again; a ledger file needs a header row and at least one data row.',
    });
  const sample = readSample(file);
  const format = detectFormat(file, sample);
  const warnings: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'ledger-lens-'));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  try {
    if (format === 'parquet') {
      const sha256 = await sha256File(file);
      const types = await describeTypes(db, `read_parquet(${sqlString(file)})`, file);
      const columns = [...types.keys()];
      // Binary floats carry artefacts (0.1 * 3 = 0.30000000000000004): rounded to 6 places before the text checks.
      const parquetCol = (c: string) =>
        /^(FLOAT|DOUBLE|REAL)$/.test(types.get(c) ?? '')
          ? `CAST(round(${ident(c)}, 6) AS VARCHAR)`
          : `CAST(${ident(c)} AS VARCHAR)`;
      await db.exec(
        `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT file_row_number + 1 AS __line, * EXCLUDE (file_row_number) FROM read_parquet(${sqlString(file)}, file_row_number = true)`,
      );
      const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ll_raw`);
      return {
        file,
        name: basename(file),
        size,
        sha256,
        format,
        encoding: 'binary',
        columns,
        col: parquetCol,
        rows: n,
        readerRejects: [],
        blankLines: [],
        newlines: 0,
        endsWithNewline: true,
        warnings,
        cleanup,
      };
    }
    const named = bomEncoding(sample);
    const utf16 = named === 'utf-16le' || named === 'utf-16be' || (!named && unmarkedUtf16(sample) !== undefined);
    // UTF-16 is full of NUL bytes by design; its byte-order mark, or its bytes' pattern, says it is text.
    if (!utf16) assertText(file, sample);
    const enc = detectEncoding(file, sample, opts.encoding);
    if (enc.detected && enc.encoding === 'gb18030')
      warnings.push('encoding: detected GBK/GB18030 and converted to UTF-8');
    const text = decodeSample(sample, enc.encoding);
    const textFormat = utf16 ? detectFormat(file, sample, text) : format;
    const sniffed = textFormat === 'csv' ? sniffCsv(text) : undefined;
    const scanOpts = { csv: sniffed && { quote: sniffed.quote, delimiter: sniffed.delimiter } };
    // DuckDB reads UTF-8 only, and swallows what the scan sets aside: such files are read from a repaired copy.
    const copy = join(tmp, 'utf8.txt');
    const transcode = enc.encoding !== 'utf-8';
    let scan = await scanFile(file, enc.encoding, { ...scanOpts, copyTo: transcode ? copy : undefined });
    if (!transcode && scan.needsCopy) scan = await scanFile(file, enc.encoding, { ...scanOpts, copyTo: copy });
    const readPath = transcode || scan.needsCopy ? copy : file;
    warnings.push(...scan.warnings);
    const encoding =
      enc.encoding === 'gb18030' ? 'gbk' : enc.encoding !== 'utf-8' ? enc.encoding : enc.bom ? 'utf-8-bom' : 'utf-8';
    const base = {
      file,
      name: basename(file),
      size,
      sha256: scan.sha256,
      format: textFormat,
      encoding,
      blankLines: scan.blankLines,
      newlines: scan.newlines,
      endsWithNewline: scan.endsWithNewline,
      warnings,
      cleanup,
    };
    if (textFormat === 'ndjson' || !sniffed) {
      const nd = await openNdjson(db, file, readPath);
      return {
        ...base,
        blankLines: [],
        newlines: 0,
        ...nd,
        rows: nd.rows + scan.rejects.length,
        readerRejects: scan.rejects,
      };
    }
    const plain = opts.defer && readPath === file && scan.blankLines.length === 0 && scan.rejects.length === 0;
    const c = await openCsv(
      db,
      file,
      readPath,
      sniffed,
      { ...base, tmp },
      { onProgress: opts.onProgress, defer: plain },
    );
    return { ...base, ...c, rows: c.rows + scan.rejects.length, readerRejects: [...c.readerRejects, ...scan.rejects] };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/**
 * DuckDB's reader gives up on a few malformed files as a whole (a carriage return inside an unquoted field, a
 * header too wide for memory); that is unusable input, said with the file's name, not an internal error.
 */
async function readOrExplain(file: string, read: () => Promise<void>) {
  try {
    await read();
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    const cr = /state machine reached an invalid state/.test(msg);
    throw new UserError('unreadable', `${file}: the file cannot be read as ${cr ? 'CSV lines' : 'a table'} (${msg})`, {
      hint: cr
        ? 'A carriage return (\\r) stands inside a field without quotes: save the file again with one kind of line end (or quote that field).'
        : 'Check that the file is a complete export; a file with tens of thousands of columns needs more memory (LEDGER_LENS_MEMORY_LIMIT).',
    });
  }
}

async function describeTypes(db: Database, relation: string, file: string): Promise<Map<string, string>> {
  try {
    const rows = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${relation}`);
    return new Map(rows.map((r) => [r.column_name, r.column_type]));
  } catch (e) {
    throw new UserError('unreadable', `${file}: cannot read the file (${(e as Error).message.split('\n')[0]})`, {
      hint: 'Check that the file is a complete CSV, NDJSON or Parquet export.',
    });
  }
}

async function openCsv(
  db: Database,
  file: string,
  readPath: string,
  sniffed: ReturnType<typeof sniffCsv>,
  facts: { blankLines: number[]; newlines: number; endsWithNewline: boolean; tmp: string },
  opts: { onProgress?: (p: Progress) => void; defer?: boolean },
) {
  const { delimiter, quote, header } = sniffed;
  if (header.length === 0 || header.every((h) => h === '')) {
    throw new UserError(
      'no_header',
      `${file}: line 1 is empty; a ledger file starts with a header row naming its columns`,
      { hint: 'Remove the empty lines at the top, or export the file again with a header.' },
    );
  }
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => positions.set(h, [...(positions.get(h) ?? []), i + 1]));
  const duplicateHeaders = [...positions].filter(([, p]) => p.length > 1).map(([name, p]) => ({ name, positions: p }));
  const rejectsTable = 'll_csv_rejects';
  const scanTable = 'll_csv_scans';
  const columns = duplicateSafe(header);
  const col = (c: string) => ident(c);
  const reader = (more: string) =>
    `read_csv(${sqlString(readPath)}, delim=${sqlString(delimiter)}, quote=${sqlString(quote)}, escape=${sqlString(quote)}, header=true, all_varchar=true, auto_detect=false, columns={${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}, max_line_size=16777216, ${more})`;
  if (opts.defer) {
    // Rows the reader would refuse are skipped here, so a sample of the view never fails the import; whoever
    // relies on this view checks that it yields one record per line (see FileSource.deferred).
    await readOrExplain(file, () =>
      db.exec(
        `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT row_number() OVER () + 1 AS __line, * FROM ${reader('ignore_errors=true')}`,
      ),
    );
    const lines = facts.newlines + (facts.endsWithNewline ? 0 : 1);
    return { columns, col, rows: lines - 1, readerRejects: [], duplicateHeaders, deferred: { readPath } };
  }
  // Materialised in file order (insertion order is preserved), so rowid numbers the rows without a window
  // function, which would force the whole import onto one thread.
  await readOrExplain(file, () =>
    withProgress(db, opts.onProgress, 'reading', undefined, () =>
      db.exec(
        `CREATE OR REPLACE TEMP TABLE ll_rawt AS SELECT * FROM ${reader(`store_rejects=true, rejects_table=${sqlString(rejectsTable)}, rejects_scan=${sqlString(scanTable)}`)}`,
      ),
    ),
  );
  const rejected = await readerRejects(db, rejectsTable);
  const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ll_rawt`);
  await createCsvLineView(db, { columns, col, ...facts, readPath, quote, rows: n, readerRejects: rejected });
  return { columns, col, rows: n + rejected.length, readerRejects: rejected, duplicateHeaders };
}

/**
 * Keeps the first of equal header names as is and numbers the later ones (`name_2`, …), so none is lost; an empty
 * name becomes `column<position>`. One pass with a count per name: a header may have a million columns.
 */
function duplicateSafe(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const before = seen.get(h) ?? 0;
    seen.set(h, before + 1);
    const name = h === '' ? `column${i + 1}` : h;
    return before === 0 ? name : `${name}_${before + 1}`;
  });
}

async function openNdjson(db: Database, file: string, readPath: string) {
  // Each line read as one text value, so a broken line is one quarantined row, not a failed import.
  const lines = `read_csv(${sqlString(readPath)}, columns={'__doc': 'VARCHAR'}, delim=E'\\x01', quote='', escape='', header=false, auto_detect=false, max_line_size=16777216)`;
  await readOrExplain(file, () => db.exec(`CREATE OR REPLACE TEMP TABLE ll_rawt AS SELECT * FROM ${lines}`));
  await db.exec(
    `CREATE OR REPLACE TEMP VIEW ll_lines AS SELECT rowid + 1 AS __line, __doc, json_valid(__doc) AND starts_with(ltrim(__doc), '{') AS __valid FROM ll_rawt`,
  );
  const keys = await db.all<{ k: string }>(
    `SELECT DISTINCT unnest(json_keys(__doc)) AS k FROM ll_lines WHERE __valid ORDER BY k`,
  );
  if (keys.length === 0)
    throw new UserError('no_rows', `${file}: no line holds a JSON object`, {
      hint: 'NDJSON has one JSON object per line, e.g. {"event_id": "1", "points": 10, …}.',
    });
  const columns = keys.map((k) => k.k);
  const [{ n }] = await db.all<{ n: number }>(
    `SELECT count(*)::DOUBLE AS n FROM ll_lines WHERE trim(coalesce(__doc, '')) <> ''`,
  );
  // Here the reader keeps empty lines as rows, so __line is already physical; blank lines are skipped after numbering.
  await db.exec(
    `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT __line, __doc, __valid FROM ll_lines WHERE trim(coalesce(__doc, '')) <> ''`,
  );
  // Nested values come back as their JSON text; strings without quotes.
  return {
    columns,
    rows: n,
    col: (c: string) =>
      `(CASE WHEN __valid THEN json_extract_string(__doc, ${sqlString(`$."${c.replace(/"/g, '\\"')}"`)}) END)`,
  };
}
