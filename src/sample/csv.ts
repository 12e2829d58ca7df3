import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** RFC 4180 quoting, only when a value needs it (most never do: ids, numbers, dates). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map((v) => (v === null || v === undefined ? '' : csvField(String(v)))).join(',')}\n`;
}

/** Hundredths of a point → "12", "-7.5", "0.25": at most two decimals, no trailing zeros. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${frac % 10 === 0 ? frac / 10 : String(frac).padStart(2, '0')}`;
}

/**
 * Buffered, back-pressured file writer: rows are appended synchronously to an in-memory batch, and `flush()` (awaited
 * by the generator once per simulated day) hands full batches to the stream and waits for 'drain' when the disk lags,
 * so memory stays flat however many rows are written.
 */
export class CsvWriter {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;
  private error: Error | null = null;
  bytes = 0;

  constructor(
    path: string,
    private readonly batchChars = 1 << 20,
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 4 << 20 });
    // Kept and rethrown at the next flush, so a full disk surfaces as an error of the run, not a crash.
    this.stream.on('error', (e) => (this.error = e));
  }

  write(text: string) {
    this.parts.push(text);
    this.size += text.length;
  }

  async flush(force = false) {
    if (this.error) throw this.error;
    if (this.size === 0 || (!force && this.size < this.batchChars)) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close() {
    await this.flush(true);
    this.stream.end();
    if (!this.stream.writableFinished) await once(this.stream, 'finish');
    if (this.error) throw this.error;
  }
}
