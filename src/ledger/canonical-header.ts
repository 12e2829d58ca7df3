import { closeSync, openSync, readSync } from 'node:fs';
import { LEDGER_COLUMNS } from './columns.ts';

const SAMPLE_BYTES = 64 * 1024;
const CANONICAL = new Set(LEDGER_COLUMNS.map((c) => c.name));

/** The header's names when every one is a canonical ledger column, once, with the id and type columns present. */
export function canonicalHeader(file: string): string[] | undefined {
  if (!/\.csv$/i.test(file)) return undefined;
  let sample: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(SAMPLE_BYTES);
      sample = buf.subarray(0, readSync(fd, buf, 0, SAMPLE_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    // Missing, a folder, unreadable: the full import says so in its own words.
    return undefined;
  }
  const end = sample.indexOf(0x0a);
  if (end < 0) return undefined;
  const line = sample.toString('utf8', 0, end).replace(/\r$/, '');
  if (!/^[a-z_]+(,[a-z_]+)*$/.test(line)) return undefined;
  const names = line.split(',');
  if (new Set(names).size !== names.length || !names.every((n) => CANONICAL.has(n))) return undefined;
  const required = ['event_id', 'occurred_at', 'account_id', 'points', 'event_type'];
  return required.every((r) => names.includes(r)) ? names : undefined;
}
