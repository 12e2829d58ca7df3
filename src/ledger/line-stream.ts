import { createReadStream } from 'node:fs';
import type { Encoding } from './encoding.ts';

/**
 * Receives each physical line of a file as UTF-8 bytes `buf[start, end)` (without its '\n'), or, when the line's
 * bytes are not valid in the file's encoding, `invalid` with the offending bytes in hex. Lines are numbered from 1.
 */
export type LineSink = (line: number, buf: Buffer, start: number, end: number, invalid?: Undecodable) => void;

/** A line that does not decode: where the first bad bytes are, and the line decoded leniently (for the quarantine). */
export interface Undecodable {
  bytes: string;
  text: string;
}

const CHUNK = 1 << 20;

/**
 * Streams a file's physical lines, decoding GBK/GB18030 and UTF-16 one line at a time with a fatal decoder, so an
 * undecodable line is reported by its number instead of turning into U+FFFD. UTF-8 lines are passed through
 * untouched (DuckDB's reader quarantines invalid UTF-8 itself). `onBytes` sees every raw chunk (for the hash).
 */
export async function streamLines(
  file: string,
  encoding: Encoding,
  onLine: LineSink,
  onBytes: (chunk: Buffer) => void,
): Promise<{ newlines: number; endsWithNewline: boolean }> {
  const unit = encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let first = true;
  let newlines = 0;
  const emitBlock = (raw: Buffer, final: boolean) => {
    let from = 0;
    for (;;) {
      const nl = findNewline(raw, from, encoding);
      if (nl < 0) break;
      emitLine(raw, from, nl);
      newlines++;
      from = nl + unit;
    }
    if (final && from < raw.length) emitLine(raw, from, raw.length);
    return raw.subarray(from);
  };
  const emitLine = (raw: Buffer, start: number, end: number) => {
    if (encoding === 'utf-8') onLine(line++, raw, start, end);
    else {
      const decoded = decodeLine(raw.subarray(start, end), encoding);
      if (Buffer.isBuffer(decoded)) onLine(line++, decoded, 0, decoded.length);
      else onLine(line++, EMPTY, 0, 0, decoded);
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    onBytes(chunk);
    let data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      data = data.subarray(bomLength(data, encoding));
      first = false;
    }
    carry = Buffer.from(emitBlock(data, false));
  }
  const endsWithNewline = carry.length === 0 && newlines > 0;
  emitBlock(carry, true);
  return { newlines, endsWithNewline };
}

const EMPTY = Buffer.alloc(0);

function bomLength(b: Buffer, encoding: Encoding): number {
  if (encoding === 'utf-16le') return b[0] === 0xff && b[1] === 0xfe ? 2 : 0;
  if (encoding === 'utf-16be') return b[0] === 0xfe && b[1] === 0xff ? 2 : 0;
  return 0;
}

/** GBK's trail bytes are >= 0x40, so a 0x0a byte is a line end; in UTF-16 only a whole 0x000A code unit is. */
function findNewline(b: Buffer, from: number, encoding: Encoding): number {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const lo = encoding === 'utf-16le' ? 0 : 1;
    for (let i = b.indexOf(0x0a, from); i >= 0; i = b.indexOf(0x0a, i + 1)) {
      if ((i - from) % 2 === lo && b[i + (lo === 0 ? 1 : -1)] === 0) return i - lo;
    }
    return -1;
  }
  return b.indexOf(0x0a, from);
}

const DECODER_NAME: Record<Exclude<Encoding, 'utf-8'>, string> = {
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** The line as UTF-8, or where it cannot be decoded. */
function decodeLine(raw: Buffer, encoding: Exclude<Encoding, 'utf-8'>): Buffer | Undecodable {
  try {
    return Buffer.from(new TextDecoder(DECODER_NAME[encoding], { fatal: true, ignoreBOM: true }).decode(raw), 'utf8');
  } catch {
    return {
      bytes: firstBadBytes(raw, encoding),
      text: new TextDecoder(DECODER_NAME[encoding], { ignoreBOM: true }).decode(raw),
    };
  }
}

/** Bisects for the shortest undecodable prefix to name the bytes at fault (an error path: the cost does not matter). */
function firstBadBytes(raw: Buffer, encoding: Exclude<Encoding, 'utf-8'>): string {
  const ok = (n: number) => {
    try {
      new TextDecoder(DECODER_NAME[encoding], { fatal: true, ignoreBOM: true }).decode(raw.subarray(0, n), {
        stream: true,
      });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = raw.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid + 1)) lo = mid + 1;
    else hi = mid;
  }
  const at = Math.max(0, lo - 1);
  return `byte ${at + 1}: ${[...raw.subarray(at, at + 2)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')}`;
}
