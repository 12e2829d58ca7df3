import { NextByte } from './next-byte.ts';

/** One physical line handed on by the walk: `startsInQuote`/`endsInQuote` say whether it begins/ends inside a quoted value. */
export interface WalkedLine {
  line: number;
  buf: Buffer;
  start: number;
  end: number;
  startsInQuote: boolean;
  endsInQuote: boolean;
}

/** A record whose quote does not close as a quote must: its lines, up to the one where that quote opened. */
export interface BrokenRecord {
  /** A quote that does not close as a value, or a carriage return alone inside a one-line record. */
  kind: 'quote' | 'cr';
  lines: WalkedLine[];
  reason: string;
  openLine: number;
}

/** DuckDB's reader takes a lone CR for a line end, so one inside a line of an LF file splits or sinks the file. */
export const LONE_CR =
  'row: a carriage return (\\r) stands inside the line outside quotes; save the file with one kind of line end, or quote that value';

/** DuckDB's reader takes 16 MB at most per record; a quote open longer than that is no real value. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

type LineEnd = { state: 'closed' | 'open' | 'bad'; cr: boolean };

/**
 * Finds where CSV records end, line by line, with the rule DuckDB reads by: a quote opens a value only at the
 * start of a field, a doubled quote inside it is literal, and the closing quote is followed by the delimiter or the
 * end of the line. A quote that never closes so would swallow every line after it (DuckDB makes them one rejected
 * row): its lines are handed on as one broken record, and the lines after the one where it opened are walked again
 * from the start of a record, so each of them is counted as the row it is.
 */
export class QuoteWalk {
  private pending: WalkedLine[] = [];
  private pendingBytes = 0;
  /** Where the quote that is open now opened; its column is worked out only when it turns out broken. */
  private open: { line: number; buf: Buffer; start: number; at: number } = {
    line: 0,
    buf: Buffer.alloc(0),
    start: 0,
    at: 0,
  };
  private readonly quotes: NextByte;

  constructor(
    private readonly quote: number,
    private readonly delimiter: number,
    /** Positional, not a WalkedLine: it runs once per line of files of hundreds of millions of lines. */
    private readonly keep: (
      line: number,
      buf: Buffer,
      start: number,
      end: number,
      startsInQuote: boolean,
      endsInQuote: boolean,
    ) => void,
    private readonly broken: (r: BrokenRecord) => void,
  ) {
    this.quotes = new NextByte(quote);
  }

  push(line: number, buf: Buffer, start: number, end: number) {
    if (this.pending.length === 0) {
      if (this.quotes.after(buf, start) >= end) return this.keep(line, buf, start, end, false, false);
      const r = this.scan(line, buf, start, end, false);
      if (r.state !== 'open' && r.cr) {
        const own = Buffer.from(buf.subarray(start, end));
        return this.broken({
          kind: 'cr',
          lines: [{ line, buf: own, start: 0, end: own.length, startsInQuote: false, endsInQuote: false }],
          reason: LONE_CR,
          openLine: line,
        });
      }
      // A quote closed wrongly on its own line costs DuckDB's reader that one line only: it rejects it itself.
      if (r.state !== 'open') return this.keep(line, buf, start, end, false, false);
      this.hold({
        line,
        buf: Buffer.from(buf.subarray(start, end)),
        start: 0,
        end: end - start,
        startsInQuote: false,
        endsInQuote: true,
      });
      return;
    }
    const own = Buffer.from(buf.subarray(start, end));
    const r = this.scan(line, own, 0, own.length, true);
    this.hold({ line, buf: own, start: 0, end: own.length, startsInQuote: true, endsInQuote: r.state === 'open' });
    if (r.state === 'closed') {
      for (const l of this.pending.splice(0)) this.keep(l.line, l.buf, l.start, l.end, l.startsInQuote, l.endsInQuote);
      this.pendingBytes = 0;
    } else if (r.state === 'bad')
      this.breakRecord(`is closed at line ${line} by a quote followed by other text, so it closes no value`);
    else if (this.pendingBytes > MAX_RECORD_BYTES) this.breakRecord('is still open after 16 MB');
  }

  isOpen(): boolean {
    return this.pending.length > 0;
  }

  /** At the end of the file a quote still open never closed. */
  finish() {
    while (this.pending.length) this.breakRecord('is never closed');
  }

  private hold(l: WalkedLine) {
    this.pending.push(l);
    this.pendingBytes += l.end - l.start + 1;
  }

  private breakRecord(how: string) {
    const held = this.pending.splice(0);
    this.pendingBytes = 0;
    const k = held.findIndex((l) => l.line === this.open.line);
    const { line, buf, start, at } = this.open;
    const col = buf.toString('utf8', start, at).length + 1;
    this.broken({
      kind: 'quote',
      lines: held.slice(0, k + 1),
      openLine: line,
      reason: `row: the quote opened at line ${line}, column ${col} ${how}; the line was set aside and the lines after it read as rows`,
    });
    for (const l of held.slice(k + 1)) this.push(l.line, l.buf, l.start, l.end);
  }

  private scan(line: number, buf: Buffer, start: number, end: number, inQuote: boolean): LineEnd {
    const q = this.quote;
    let fieldStart = !inQuote;
    let cr = false;
    let i = start;
    while (i < end) {
      if (inQuote) {
        const j = buf.indexOf(q, i);
        if (j < 0 || j >= end) return { state: 'open', cr };
        if (j + 1 < end && buf[j + 1] === q) {
          i = j + 2;
          continue;
        }
        const n = j + 1;
        if (!(n === end || buf[n] === this.delimiter || (buf[n] === 0x0d && n + 1 === end)))
          return { state: 'bad', cr };
        inQuote = false;
        fieldStart = false;
        i = n;
        continue;
      }
      const b = buf[i];
      if (b === q && fieldStart) {
        inQuote = true;
        this.open = { line, buf, start, at: i };
      } else {
        fieldStart = b === this.delimiter;
        if (b === 0x0d && i !== end - 1) cr = true;
      }
      i++;
    }
    return { state: inQuote ? 'open' : 'closed', cr };
  }
}
