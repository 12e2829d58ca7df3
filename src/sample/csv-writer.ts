import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** RFC 4180 quoting, only when a value needs it (most never do: ids, numbers, dates). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map((v) => (v === null || v === undefined ? '' : csvField(String(v)))).join(',')}\n`;
}

const CHUNK = 1 << 22;

/**
 * Many short strings UTF-8-encoded into one byte array, entry i at data[start[i] .. start[i + 1]). One array instead
 * of a Buffer per account keeps 100,000 accounts' ids in a few cache-friendly pages.
 */
export class Packed {
  readonly data: Uint8Array;
  readonly start: Int32Array;

  constructor(values: readonly string[]) {
    const parts = values.map((v) => Buffer.from(v, 'utf8'));
    this.start = new Int32Array(parts.length + 1);
    parts.forEach((b, i) => (this.start[i + 1] = this.start[i] + b.length));
    this.data = Buffer.concat(parts);
  }
}

/**
 * Buffered, back-pressured CSV byte writer. Rows are encoded straight into a 4 MiB buffer (ASCII digits written
 * byte by byte, text fields UTF-8-encoded once and cached): building row strings and joining them cost ten times
 * more at ten million rows. `flush()`, awaited once per simulated day, hands full buffers to the file stream and
 * waits for 'drain' when the disk lags, so memory stays flat however many rows are written.
 */
export class CsvWriter {
  private readonly stream: WriteStream;
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private readonly encoded = new Map<string, Buffer>();
  private error: Error | null = null;
  written = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 2 * CHUNK });
    // Kept and rethrown at the next flush, so a full disk surfaces as an error of the run, not a crash.
    this.stream.on('error', (e) => (this.error = e));
  }

  /** A text field: quoted if needed, UTF-8 encoded once per distinct value (reasons, names, categories repeat). */
  text(value: string) {
    let b = this.encoded.get(value);
    if (!b) {
      b = Buffer.from(csvField(value), 'utf8');
      if (this.encoded.size < 100_000) this.encoded.set(value, b);
    }
    this.copy(b, 0, b.length);
  }

  /** Entry i of a table encoded ahead of time (account ids, a roster row's fixed tail). */
  packed(table: Packed, i: number) {
    this.copy(table.data, table.start[i], table.start[i + 1]);
  }

  /** A string known to be ASCII without separators (ids, dates, times, enum values). */
  ascii(value: string) {
    this.room(value.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < value.length; i++) buf[pos++] = value.charCodeAt(i);
    this.pos = pos;
  }

  byte(code: number) {
    this.room(1);
    this.buf[this.pos++] = code;
  }

  /** A non-negative integer, zero-padded to `width` digits. */
  int(n: number, width = 0) {
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    const len = Math.max(width, digits);
    this.room(len);
    const buf = this.buf;
    for (let i = this.pos + len - 1; i >= this.pos; i--) {
      buf[i] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos += len;
  }

  /** Hundredths of a point → 12, -7.5, 0.25: at most two decimals, no trailing zeros. */
  cents(c: number) {
    if (c < 0) this.byte(45);
    const abs = Math.abs(c);
    this.int(Math.floor(abs / 100));
    const frac = abs % 100;
    if (frac === 0) return;
    this.byte(46);
    if (frac % 10 === 0) this.byte(48 + frac / 10);
    else this.int(frac, 2);
  }

  /** Copies src[from, to). A byte loop over locals beats Buffer#set for the handful of bytes of a field. */
  private copy(src: Uint8Array, from: number, to: number) {
    this.room(to - from);
    const buf = this.buf;
    let pos = this.pos;
    for (let k = from; k < to; k++) buf[pos++] = src[k];
    this.pos = pos;
  }

  private room(n: number) {
    if (this.pos + n <= this.buf.length) return;
    this.handOff();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /** Gives the filled part of the buffer to the stream and starts a fresh one (the stream keeps a reference). */
  private handOff() {
    if (this.pos === 0) return;
    this.stream.write(this.buf.subarray(0, this.pos));
    this.written += this.pos;
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }

  async flush(force = false) {
    if (this.error) throw this.error;
    if (force || this.pos > CHUNK / 2) this.handOff();
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  async close() {
    await this.flush(true);
    this.stream.end();
    if (!this.stream.writableFinished) await once(this.stream, 'finish');
    if (this.error) throw this.error;
  }
}
