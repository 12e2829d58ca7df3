import { UserError } from '../errors.ts';

export type Format = 'csv' | 'parquet' | 'ndjson';

/** `text` is the sample decoded, when its bytes are not ASCII-compatible (UTF-16). */
export function detectFormat(file: string, sample: Buffer, decoded?: string): Format {
  if (sample.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (/\.parquet$/i.test(file)) {
    throw new UserError(
      'bad_parquet',
      `${file}: the name says Parquet but the file does not start with the Parquet magic bytes`,
      { hint: 'Export the file again, or rename it if it is CSV.' },
    );
  }
  const text = (decoded ?? sample.toString('latin1')).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (text.startsWith('[')) {
    throw new UserError(
      'json_array',
      `${file}: this is a JSON array; Ledger Lens reads NDJSON (JSON Lines): one object per line`,
      {
        hint: "Convert it, e.g. jq -c '.[]' file.json > file.ndjson, or export as CSV.",
      },
    );
  }
  if (/\.(ndjson|jsonl|json)$/i.test(file) || text.startsWith('{')) return 'ndjson';
  return 'csv';
}

/** NUL bytes or mostly control characters mean a binary file that no text reader should try. */
export function assertText(file: string, sample: Buffer) {
  let control = 0;
  for (const b of sample) {
    if (b === 0) {
      throw new UserError('not_text', `${file}: this is not a text file (it contains NUL bytes)`, {
        hint: 'Give a CSV, TSV, NDJSON or Parquet export.',
      });
    }
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    throw new UserError(
      'not_text',
      `${file}: this does not look like a text file (${control} control bytes in the first ${sample.length})`,
      { hint: 'Give a CSV, TSV, NDJSON or Parquet export.' },
    );
  }
}

/** Splits one CSV line on a delimiter, honouring the quote character; enough for sniffing and header names. */
export function splitLine(line: string, delim: string, quote: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote && ch === quote) {
      if (quoted && line[i + 1] === quote) {
        cur += quote;
        i++;
      } else quoted = !quoted;
    } else if (ch === delim && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const DELIMITERS = [',', '\t', ';', '|'];

/**
 * Picks the delimiter that splits the header into more than one field and splits the most sample lines into
 * the header's field count; the quote is '"' unless the sample only ever encloses fields in single quotes.
 */
export function sniffCsv(text: string): { delimiter: string; quote: string; header: string[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .slice(0, 50);
  if (lines.length === 0) return { delimiter: ',', quote: '"', header: [] };
  const quote = !text.includes('"') && /(^|[,\t;|])'/.test(text) ? "'" : '"';
  let best = { delimiter: ',', score: -1 };
  for (const d of DELIMITERS) {
    const n = splitLine(lines[0], d, quote).length;
    if (n < 2) continue;
    const body = lines.slice(1, -1); // the last sample line may be cut mid-row
    const agree = body.length === 0 ? 1 : body.filter((l) => splitLine(l, d, quote).length === n).length / body.length;
    const score = agree * 1000 + n;
    if (score > best.score) best = { delimiter: d, score };
  }
  return { delimiter: best.delimiter, quote, header: splitLine(lines[0], best.delimiter, quote).map((h) => h.trim()) };
}
