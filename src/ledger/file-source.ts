import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Database } from '../db/database.ts';
import { ident } from '../db/ident.ts';
import { UserError } from '../errors.ts';
import { bomEncoding, decodeSample, detectEncoding, unmarkedUtf16 } from './encoding.ts';
import { scanFile, sha256File } from './scan.ts';
import { assertText, detectFormat, type Format, sniffCsv } from './sniff.ts';
import { createCsvLineView } from './lines.ts';
import {
  CSV_REJECTS,
  deferCsvRaw,
  loadCsvRaw,
  loadNdjsonLines,
  ndjsonColumn,
  openNdjsonRaw,
  openParquetRaw,
  parquetColumn,
  parquetColumnTypes,
  rawRowCount,
} from '../db/ingest/raw-relation.ts';
import { type ReaderReject, readerRejects } from '../db/ingest/reader-rejects.ts';
import { type Progress, withProgress } from '../db/ingest/progress.ts';

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
      const types = await describeTypes(db, file);
      const columns = [...types.keys()];
      const n = await openParquetRaw(db, file);
      return {
        file,
        name: basename(file),
        size,
        sha256,
        format,
        encoding: 'binary',
        columns,
        col: parquetColumn(types),
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

async function describeTypes(db: Database, file: string): Promise<Map<string, string>> {
  try {
    return await parquetColumnTypes(db, file);
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
  const columns = duplicateSafe(header);
  const col = (c: string) => ident(c);
  const reading = { readPath, delimiter, quote, columns };
  if (opts.defer) {
    await readOrExplain(file, () => deferCsvRaw(db, reading));
    const lines = facts.newlines + (facts.endsWithNewline ? 0 : 1);
    return { columns, col, rows: lines - 1, readerRejects: [], duplicateHeaders, deferred: { readPath } };
  }
  await readOrExplain(file, () =>
    withProgress(db, opts.onProgress, 'reading', undefined, () => loadCsvRaw(db, reading)),
  );
  const rejected = await readerRejects(db, CSV_REJECTS);
  const n = await rawRowCount(db);
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
  await readOrExplain(file, () => loadNdjsonLines(db, readPath));
  const { keys, rows } = await openNdjsonRaw(db);
  if (keys.length === 0)
    throw new UserError('no_rows', `${file}: no line holds a JSON object`, {
      hint: 'NDJSON has one JSON object per line, e.g. {"event_id": "1", "points": 10, …}.',
    });
  return { columns: keys, rows, col: ndjsonColumn };
}
