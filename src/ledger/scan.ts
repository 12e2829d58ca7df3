import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { UserError } from '../errors.ts';
import type { Encoding } from './encoding.ts';
import { type LineSink, streamLines } from './line-stream.ts';
import { NextByte } from './next-byte.ts';
import { type BrokenRecord, LONE_CR, QuoteWalk } from './quote-walk.ts';
import type { ReaderReject } from '../db/ingest/reader-rejects.ts';

export interface ScanResult {
  sha256: string;
  /**
   * Physical line numbers (1-based) DuckDB's reader skips in the file it reads: empty lines, and the lines this scan
   * set aside (blanked in the copy). Needed to give each row its real line.
   */
  blankLines: number[];
  /** Newlines in the file DuckDB reads (the copy, when one is written). */
  newlines: number;
  endsWithNewline: boolean;
  /** Records set aside before DuckDB reads the file (undecodable lines, quotes that never close), one per record. */
  rejects: ReaderReject[];
  warnings: string[];
  /** A UTF-8 file needs a repaired copy: a byte-order mark mid-file, mixed line ends, or records set aside. */
  needsCopy: boolean;
}

export interface ScanOptions {
  /** CSV quote and delimiter; absent for NDJSON, whose lines are records as they stand. */
  csv?: { quote: string; delimiter: string };
  /** Write the UTF-8 copy DuckDB reads here: decoded, set-aside lines blank, mid-file BOMs dropped, line ends LF. */
  copyTo?: string;
}

const ENCODING_NAME: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GBK',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};
const OUT_BLOCK = 1 << 20;

/**
 * One streaming pass over the file: its sha256 (for idempotency), its line facts, the records that cannot reach
 * DuckDB's reader intact, and — when asked — the UTF-8 copy DuckDB reads instead. Memory stays at one chunk (plus one
 * open quoted record, at most 16 MB) whatever the file size.
 */
export async function scanFile(file: string, encoding: Encoding, opts: ScanOptions = {}): Promise<ScanResult> {
  const hash = createHash('sha256');
  const blankLines: number[] = [];
  const rejects: ReaderReject[] = [];
  const badEncoding: number[] = [];
  const brokenQuotes: number[] = [];
  const bomLines: number[] = [];
  const ends = { crlf: 0, lf: 0 };
  const out = opts.copyTo ? new CopyWriter(opts.copyTo) : undefined;
  let copiedLines = 0;
  let headerSeen = false;

  const crs = new NextByte(0x0d);
  const nuls = new NextByte(0x00);
  const quotes = new NextByte((opts.csv?.quote ?? '"').charCodeAt(0));
  const keep = (
    line: number,
    buf: Buffer,
    start: number,
    end: number,
    startsInQuote: boolean,
    endsInQuote: boolean,
  ) => {
    const odd = oddByte(line, buf, start, end, startsInQuote || endsInQuote);
    if (odd)
      return setAside([line], { line, reasons: [odd], raw: buf.toString('utf8', start, end).replace(/\0/g, '') });
    if (!startsInQuote && (end === start || (end - start === 1 && buf[start] === 0x0d))) blankLines.push(line);
    else headerSeen = true;
    if (!endsInQuote && end > start) {
      if (buf[end - 1] === 0x0d) {
        ends.crlf++;
        if (out) end--;
      } else ends.lf++;
    }
    if (out) {
      out.line(buf, start, end);
      copiedLines++;
    }
  };
  /**
   * Bytes DuckDB's reader cannot take in a line: a NUL (it ends SQL text), or — in a file with LF line ends — a carriage
   * return standing alone outside quotes, which makes the reader give up on the whole file. Such a line is set aside.
   */
  const oddByte = (_line: number, buf: Buffer, start: number, end: number, quoted: boolean): string | undefined => {
    if (!quoted && nuls.after(buf, start) < end)
      return 'row: the line holds a NUL character, which a text export never contains; export the file again';
    const cr = crs.after(buf, start);
    if (cr >= end - 1 || !headerSeen || quoted || quotes.after(buf, start) < end) return undefined;
    return LONE_CR;
  };
  const setAside = (lines: number[], reject: ReaderReject) => {
    // Without its header the file has no columns to read rows into: that is the file's problem, not a row's.
    if (!headerSeen) {
      throw new UserError(
        'bad_header',
        `${file}: line ${reject.line}, the header, cannot be read: ${reject.reasons[0].replace(/^row: /, '').replace(/; the line was set aside.*$/, '')}`,
        {
          hint: "Fix the header line (or the file's encoding) and export again.",
        },
      );
    }
    rejects.push(reject);
    for (const line of lines) {
      blankLines.push(line);
      if (out) {
        out.line(undefined, 0, 0);
        copiedLines++;
      }
    }
  };
  const broken = (r: BrokenRecord) => {
    // A file whose only line ends are lone CRs is one long first line: DuckDB's reader is left to make of it what it can.
    if (r.kind === 'cr' && !headerSeen)
      return keep(r.lines[0].line, r.lines[0].buf, r.lines[0].start, r.lines[0].end, false, false);
    if (r.kind === 'quote') brokenQuotes.push(r.openLine);
    const raw = r.lines.map((l) => l.buf.toString('utf8', l.start, l.end)).join('\n');
    setAside(
      r.lines.map((l) => l.line),
      { line: r.lines[0].line, reasons: [r.reason], raw },
    );
  };
  const walk = opts.csv
    ? new QuoteWalk(opts.csv.quote.charCodeAt(0), opts.csv.delimiter.charCodeAt(0), keep, broken)
    : undefined;

  const onLine: LineSink = (line, buf, start, end, invalid) => {
    if (invalid) {
      badEncoding.push(line);
      // Inside an open quoted value the line still belongs to it: an empty stand-in keeps the walk's structure.
      const inValue = walk?.isOpen() ?? false;
      if (inValue) walk?.push(line, buf, 0, 0);
      return setAside(inValue ? [] : [line], {
        line,
        reasons: [
          `row: the line is not valid ${ENCODING_NAME[encoding]} (${invalid.bytes}); check the export's encoding`,
        ],
        raw: invalid.text,
      });
    }
    if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) {
      start += 3;
      if (line > 1) bomLines.push(line);
    }
    if (walk) walk.push(line, buf, start, end);
    else keep(line, buf, start, end, false, false);
  };

  let streamed: { newlines: number; endsWithNewline: boolean };
  try {
    streamed = await streamLines(file, encoding, onLine, (chunk) => hash.update(chunk));
    walk?.finish();
  } finally {
    out?.close();
  }
  const { newlines, endsWithNewline } = streamed;
  blankLines.sort((a, b) => a - b);
  const warnings = scanWarnings(encoding, badEncoding, brokenQuotes, bomLines, ends);
  const mixed = ends.crlf > 0 && ends.lf > 0;
  return {
    sha256: hash.digest('hex'),
    blankLines: [...new Set(blankLines)],
    newlines: out ? copiedLines : newlines,
    endsWithNewline: out ? true : endsWithNewline,
    rejects: rejects.sort((a, b) => a.line - b.line),
    warnings,
    needsCopy: rejects.length > 0 || bomLines.length > 0 || mixed,
  };
}

function scanWarnings(
  encoding: Encoding,
  badEncoding: number[],
  brokenQuotes: number[],
  bomLines: number[],
  ends: { crlf: number; lf: number },
): string[] {
  const some = (lines: number[]) =>
    `line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''}`;
  const w: string[] = [];
  if (brokenQuotes.length)
    w.push(
      `quotes: ${brokenQuotes.length} quoted value${brokenQuotes.length > 1 ? 's' : ''} never closed properly (opened at ${some(brokenQuotes)}); each such line is quarantined and the lines after it were read as rows`,
    );
  if (badEncoding.length)
    w.push(
      `encoding: ${badEncoding.length} line${badEncoding.length > 1 ? 's are' : ' is'} not valid ${ENCODING_NAME[encoding]} (${some(badEncoding)}) and quarantined`,
    );
  if (bomLines.length)
    w.push(
      `byte-order marks in the middle of the file (${some(bomLines)}), as when two exports are joined: removed before reading`,
    );
  if (ends.crlf && ends.lf)
    w.push(`line ends: ${ends.crlf} lines end in CR LF and ${ends.lf} in LF; both were read as line ends`);
  return w;
}

/** Appends lines to the copy through one reused block, written synchronously so the line callback stays synchronous. */
class CopyWriter {
  private fd: number;
  private block = Buffer.alloc(OUT_BLOCK);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  line(buf: Buffer | undefined, start: number, end: number) {
    const n = end - start + 1;
    if (this.used + n > this.block.length) this.flush();
    if (n > this.block.length) this.block = Buffer.alloc(n);
    if (buf) buf.copy(this.block, this.used, start, end);
    this.used += n - 1;
    this.block[this.used++] = 0x0a;
  }

  private flush() {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.block, off, this.used - off);
    this.used = 0;
  }

  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/** The file's sha256 alone (Parquet: DuckDB reads the rows; there are no lines to scan). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
    hash.update(chunk);
  return hash.digest('hex');
}
