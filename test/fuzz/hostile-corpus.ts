import fc from 'fast-check';
import { gbkOf, HEADER, ledgerRows, type Row, toCsv } from './corpus.ts';

/**
 * Hostile files of the classes issue 14 met (quotes that never close, byte-order marks mid-file, GBK with bad bytes
 * and UTF-16, runs of skipped lines, re-saved overlapping exports), each with the record count its generator wrote,
 * so the importer's rows_read can be checked against it and against an independent counter.
 */
export interface HostileCase {
  label: string;
  ext: 'csv' | 'txt';
  delimiter: string;
  bytes: Buffer;
  /** Data records written (every one must be read: accepted, quarantined or a duplicate). */
  records: number;
  /** Re-saved overlap: a second file holding `overlap` of the first file's rows spelled the way Excel re-saves them. */
  second?: { bytes: Buffer; records: number; overlap: number };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const line = (r: Row) => `${r.join(',')}\n`;

const unclosedQuote = fc.tuple(ledgerRows, fc.nat(), fc.boolean()).map(([rows, at, alsoLegit]): HostileCase => {
  const rs = rows.map((r) => [...r]);
  rs[at % rs.length][6] = '"unterminated';
  // A real multi-line quoted value elsewhere must still read as one record.
  if (alsoLegit && rs.length > 2) rs[(at + 1) % rs.length][5] = '"two\nlines"';
  const text = `${HEADER.join(',')}\n${rs.map(line).join('')}`;
  return {
    label: `unclosed quote at row ${(at % rs.length) + 1}${alsoLegit ? ' + quoted newline' : ''}`,
    ext: 'csv',
    delimiter: ',',
    bytes: Buffer.from(text),
    records: rs.length,
  };
});

const midFileBom = fc.tuple(ledgerRows, ledgerRows).map(([a, b]): HostileCase => {
  const part = (rows: Row[]) => Buffer.concat([BOM, Buffer.from(toCsv(HEADER, rows))]);
  // The second export's header is a record of the joined file: it is read, and quarantined.
  return {
    label: 'two exports joined, BOM each',
    ext: 'csv',
    delimiter: ',',
    bytes: Buffer.concat([part(a), part(b)]),
    records: a.length + 1 + b.length,
  };
});

const badGbk = fc
  .tuple(ledgerRows, fc.nat(), fc.constantFrom([0x81, 0x20], [0xfe, 0x0d], [0x80, 0xff], [0xa1]))
  .map(([rows, at, bad]): HostileCase => {
    const parts: Buffer[] = [Buffer.from(`${HEADER.join(',')}\n`)];
    rows.forEach((r, i) => {
      parts.push(Buffer.from(`${r.slice(0, 6).join(',')},`), Buffer.from(gbkOf('研发部')));
      if (i === at % rows.length) parts.push(Buffer.from(bad));
      parts.push(Buffer.from('\n'));
    });
    return {
      label: `GBK with bytes ${bad.map((b) => b.toString(16)).join(' ')} on row ${(at % rows.length) + 1}`,
      ext: 'csv',
      delimiter: ',',
      bytes: Buffer.concat(parts),
      records: rows.length,
    };
  });

const utf16 = fc.tuple(ledgerRows, fc.boolean()).map(([rows, le]): HostileCase => {
  const text = `${[HEADER, ...rows].map((r) => r.map((c) => c.replace(/[\t"\n]/g, ' ')).join('\t')).join('\r\n')}\r\n`;
  const body = Buffer.from(text, 'utf16le');
  const bytes = le
    ? Buffer.concat([Buffer.from([0xff, 0xfe]), body])
    : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body).swap16()]);
  return { label: `UTF-16${le ? 'LE' : 'BE'} tab-separated`, ext: 'txt', delimiter: '\t', bytes, records: rows.length };
});

const skippedLines = fc
  .tuple(
    ledgerRows,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 }), fc.constantFrom('blank', 'ragged', 'crlf-blank')), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([rows, runs]): HostileCase => {
    const out = rows.map((r) => line(r));
    let ragged = 0;
    for (const [at, n, kind] of runs) {
      const ins = Array.from({ length: n }, (_, k) =>
        kind === 'blank' ? '\n' : kind === 'crlf-blank' ? '\r\n' : `x${k},y\n`,
      );
      if (kind === 'ragged') ragged += n;
      out.splice(at % (out.length + 1), 0, ...ins);
    }
    return {
      label: `skipped-line runs ${runs.map(([, n, k]) => `${n}×${k}`).join(' ')}`,
      ext: 'csv',
      delimiter: ',',
      bytes: Buffer.from(`${HEADER.join(',')}\n${out.join('')}`),
      records: rows.length + ragged,
    };
  });

/** Without an id column; the overlap re-spelled as Excel re-saves it (slashes, no seconds, trailing zeros). */
const resavedOverlap = fc
  .tuple(ledgerRows, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 10 }))
  .map(([rows, overlap, fresh]): HostileCase => {
    // Every row valid (the sign its type demands), so each one of the overlap can only be a duplicate.
    const signed = (p: string, type: string) => {
      const v = Math.abs(Number(p)) || 1;
      return (['deduct', 'redeem', 'expire'].includes(type) ? -v : v).toFixed(2);
    };
    const noId = rows.map((r) => [`${r[1].slice(0, 17)}00`, r[2], signed(r[3], r[4]), ...r.slice(4)]);
    const header = HEADER.slice(1);
    const k = Math.min(overlap, noId.length);
    const resaved = noId
      .slice(-k)
      .map((r) => [r[0].slice(0, 16).replaceAll('-', '/'), r[1], String(Number(r[2])), ...r.slice(3)]);
    const extra = noId.slice(0, fresh).map((r) => [r[0], `new-${r[1]}`, ...r.slice(2)]);
    const second = Buffer.from(toCsv(header, [...resaved, ...extra]));
    return {
      label: `re-saved overlap of ${k} + ${extra.length} new rows`,
      ext: 'csv',
      delimiter: ',',
      bytes: Buffer.from(toCsv(header, noId)),
      records: noId.length,
      second: { bytes: second, records: resaved.length + extra.length, overlap: k },
    };
  });

export const hostileCase: fc.Arbitrary<HostileCase> = fc.oneof(
  unclosedQuote,
  midFileBom,
  badGbk,
  utf16,
  skippedLines,
  resavedOverlap,
);
