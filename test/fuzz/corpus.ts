import fc from 'fast-check';

/** One fuzz input: the file's bytes, its extension (the importer picks NDJSON by name) and how it was made. */
export interface FuzzCase {
  label: string;
  ext: 'csv' | 'ndjson';
  bytes: Buffer;
}

export const HEADER = ['event_id', 'occurred_at', 'account_id', 'points', 'event_type', 'rule_id', 'department'];
const TYPES = ['earn', 'deduct', 'redeem', 'expire', 'adjust', 'transfer'];
const DEPARTMENTS = ['研发部', '销售部', 'Ops', 'R&D, Lab', 'Café'];

/** GBK codes of the department names, checked against Node's GBK decoder in gbkOf so a typo fails loudly. */
const GBK: Record<string, number[]> = {
  研发部: [0xd1, 0xd0, 0xb7, 0xa2, 0xb2, 0xbf],
  销售部: [0xcf, 0xfa, 0xca, 0xdb, 0xb2, 0xbf],
};
export function gbkOf(name: keyof typeof GBK): Buffer {
  const b = Buffer.from(GBK[name]);
  if (new TextDecoder('gb18030').decode(b) !== name) throw new Error(`wrong GBK table entry for ${name}`);
  return b;
}

export type Row = string[];

/** A valid ledger of 20–50 rows: unique ids, real dates, points that fit DECIMAL(18,2). */
export const ledgerRows: fc.Arbitrary<Row[]> = fc
  .array(
    fc.record({
      day: fc.integer({ min: 0, max: 700 }),
      sec: fc.integer({ min: 0, max: 86_399 }),
      account: fc.integer({ min: 1, max: 30 }),
      cents: fc.integer({ min: -50_000, max: 50_000 }),
      type: fc.constantFrom(...TYPES),
      rule: fc.integer({ min: 1, max: 9 }),
      dept: fc.constantFrom(...DEPARTMENTS),
    }),
    { minLength: 20, maxLength: 50 },
  )
  .map((rs) =>
    rs.map((r, i) => {
      const t = new Date(Date.UTC(2025, 0, 1) + r.day * 86_400_000 + r.sec * 1000)
        .toISOString()
        .slice(0, 19)
        .replace('T', ' ');
      return [`E${i + 1}`, t, `A${r.account}`, (r.cents / 100).toFixed(2), r.type, `R${r.rule}`, r.dept];
    }),
  );

const quoteCell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
export const toCsv = (header: string[], rows: Row[]) =>
  `${[header, ...rows].map((r) => r.map(quoteCell).join(',')).join('\n')}\n`;

/** Edits on the table before it is written: the field-level corruptions of the brief. */
const HUGE = [
  '1e308',
  '-1e400',
  '99999999999999999999999',
  '123456789012345678.99',
  '0.000000000000000001',
  `1${'0'.repeat(400)}`,
];
const NON_FINITE = ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '+Inf', '∞'];
const EDGE_DATES = [
  '0000-01-01 00:00:00',
  '0000-00-00',
  '9999-12-31 23:59:59',
  '10000-01-01',
  '-0001-01-01',
  '1969-12-31 23:59:60',
  '2025-02-30 10:00',
];

type TableEdit = { label: string; apply: (h: string[], rows: Row[]) => void };
const cellAt = (rows: Row[], r: number) => rows[r % rows.length];

const tableEdit: fc.Arbitrary<TableEdit> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...HUGE)).map(([r, v]) => ({
    label: `huge points ${v.slice(0, 12)}`,
    apply: (_h: string[], rows: Row[]) => void (cellAt(rows, r)[3] = v),
  })),
  fc
    .tuple(fc.nat(), fc.constantFrom(...NON_FINITE))
    .map(([r, v]) => ({ label: `points ${v}`, apply: (_h: string[], rows: Row[]) => void (cellAt(rows, r)[3] = v) })),
  fc
    .tuple(fc.nat(), fc.constantFrom(...EDGE_DATES))
    .map(([r, v]) => ({ label: `date ${v}`, apply: (_h: string[], rows: Row[]) => void (cellAt(rows, r)[1] = v) })),
  fc.tuple(fc.nat(6), fc.nat(6)).map(([a, b]) => ({
    label: `swap columns ${a}<->${b}`,
    apply: (_h: string[], rows: Row[]) => rows.forEach((row) => ([row[a], row[b]] = [row[b], row[a]])),
  })),
  fc.tuple(fc.nat(6), fc.nat(6)).map(([a, b]) => ({
    label: `swap header names ${a}<->${b}`,
    apply: (h: string[]) => void ([h[a], h[b]] = [h[b], h[a]]),
  })),
  fc
    .tuple(fc.nat(6), fc.nat(6))
    .map(([a, b]) => ({ label: `duplicate header ${b} as ${a}`, apply: (h: string[]) => void (h[a] = h[b]) })),
  fc.nat(6).map((a) => ({
    label: `extra duplicate column ${a}`,
    apply: (h: string[], rows: Row[]) => [h, ...rows].forEach((r) => r.push(r[a])),
  })),
  fc.tuple(fc.nat(), fc.nat(6), fc.string({ unit: 'binary', maxLength: 40 })).map(([r, c, v]) => ({
    label: 'random cell text',
    apply: (_h: string[], rows: Row[]) => void (cellAt(rows, r)[c] = v),
  })),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: -3, max: 3 })).map(([r, n, d]) => ({
    label: `row with ${d} fields more`,
    apply: (_h: string[], rows: Row[]) => {
      const row = cellAt(rows, r);
      if (d < 0) row.splice(row.length + d);
      else for (let i = 0; i < d; i++) row.push(String(n + i));
    },
  })),
);

/** Edits on the written bytes: truncation, inserted/overwritten bytes, stray quotes and line breaks. */
type ByteEdit = { label: string; apply: (b: Buffer) => Buffer };
const at = (b: Buffer, pos: number) => (b.length === 0 ? 0 : pos % (b.length + 1));
const splice = (b: Buffer, pos: number, del: number, ins: Buffer) =>
  Buffer.concat([b.subarray(0, pos), ins, b.subarray(pos + del)]);

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.nat().map((p) => ({ label: `truncate at ${p}`, apply: (b: Buffer) => b.subarray(0, at(b, p)) })),
  fc
    .array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 10 })
    .map((ins) => ({
      label: `insert ${ins.length} random byte runs`,
      apply: (b: Buffer) => ins.reduce((acc, [p, bytes]) => splice(acc, at(acc, p), 0, Buffer.from(bytes)), b),
    })),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((ws) => ({
    label: `overwrite ${ws.length} bytes`,
    apply: (b: Buffer) => {
      const c = Buffer.from(b);
      for (const [p, v] of ws) if (c.length) c[p % c.length] = v;
      return c;
    },
  })),
  fc
    .array(fc.tuple(fc.nat(), fc.constantFrom('"', '\n', '\r', '\r\n', '""', ',', "'")), {
      minLength: 1,
      maxLength: 10,
    })
    .map((ins) => ({
      label: `insert quotes/newlines ${JSON.stringify(ins.map((i) => i[1]).join(''))}`,
      apply: (b: Buffer) => ins.reduce((acc, [p, s]) => splice(acc, at(acc, p), 0, Buffer.from(s)), b),
    })),
);

const utf8 = { label: 'utf-8', apply: (s: string) => Buffer.from(s, 'utf8') };
/** Whole-file encodings: mostly right (so the damage reaches the parser), sometimes wrong. */
const encode = fc.oneof({ arbitrary: fc.constant(utf8), weight: 6 }, { arbitrary: wrongEncoding(), weight: 5 });
function wrongEncoding() {
  return fc.constantFrom(
    {
      label: 'utf-8 BOM',
      apply: (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]),
    },
    { label: 'latin-1', apply: (s: string) => Buffer.from(s, 'latin1') },
    {
      label: 'utf-16le BOM',
      apply: (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
    },
    {
      label: 'utf-16be BOM',
      apply: (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]),
    },
    { label: 'GBK bytes in a UTF-8 file', apply: (s: string) => mixGbk(s, 1) },
    { label: 'GBK file', apply: (s: string) => mixGbk(s, Infinity) },
  );
}

/** Writes the first `n` occurrences of the GBK-table names as GBK, the rest as UTF-8. */
function mixGbk(s: string, n: number): Buffer {
  const parts: Buffer[] = [];
  let left = n;
  for (const piece of s.split(/(研发部|销售部)/)) {
    if ((piece === '研发部' || piece === '销售部') && left-- > 0) parts.push(gbkOf(piece));
    else parts.push(Buffer.from(piece, 'utf8'));
  }
  return Buffer.concat(parts);
}

const csvCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(ledgerRows, fc.array(tableEdit, { maxLength: 3 }), encode, fc.array(byteEdit, { maxLength: 2 }))
  .map(([rows, edits, enc, bytes]) => {
    const h = [...HEADER];
    const rs = rows.map((r) => [...r]);
    for (const e of edits) e.apply(h, rs);
    const buf = bytes.reduce<Buffer>((b, e) => e.apply(b), enc.apply(toCsv(h, rs)));
    return {
      label: [...edits.map((e) => e.label), enc.label, ...bytes.map((e) => e.label)].join(' + '),
      ext: 'csv' as const,
      bytes: buf,
    };
  });

const blankCase: fc.Arbitrary<FuzzCase> = fc
  .oneof(
    fc.constantFrom('', ' ', '\n', '\r\n\r\n', '\t \n  \n'),
    fc.stringMatching(/^[ \t\r\n]{0,64}$/),
    fc.constant(`${HEADER.join(',')}\n`),
  )
  .chain((s) =>
    fc
      .constantFrom<'csv' | 'ndjson'>('csv', 'ndjson')
      .map((ext) => ({ label: `blank ${JSON.stringify(s.slice(0, 20))}`, ext, bytes: Buffer.from(s) })),
  );

/** NDJSON rows, some carrying a value nested `depth` arrays/objects deep, with line-level damage. */
const ndjsonCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(ledgerRows, fc.integer({ min: 1, max: 20_000 }), fc.nat(), fc.boolean(), fc.array(byteEdit, { maxLength: 1 }))
  .map(([rows, depth, r, asPoints, bytes]) => {
    const nested =
      depth % 2 ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const lines = rows.map((row, i) => {
      const obj = JSON.stringify(Object.fromEntries(HEADER.map((k, j) => [k, row[j]])));
      if (i !== r % rows.length) return obj;
      return `${obj.slice(0, -1)},"${asPoints ? 'points' : 'meta'}":${nested}}`;
    });
    const buf = bytes.reduce<Buffer>((b, e) => e.apply(b), Buffer.from(`${lines.join('\n')}\n`));
    return {
      label: [`ndjson nesting ${depth} in ${asPoints ? 'points' : 'meta'}`, ...bytes.map((e) => e.label)].join(' + '),
      ext: 'ndjson' as const,
      bytes: buf,
    };
  });

/** The mix every run draws from: mostly damaged CSV, some NDJSON, a few blank files. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { arbitrary: csvCase, weight: 7 },
  { arbitrary: ndjsonCase, weight: 2 },
  { arbitrary: blankCase, weight: 1 },
);

/**
 * The big inputs, built once per run rather than per case: a 10 MB field and a header of `columns` columns (the
 * test uses a modest width, bench/fuzz.ts a wide one; see the note there on the importer's cost per column).
 */
export function bigCases(columns: number): FuzzCase[] {
  const rows = [
    ['E1', '2025-03-01 10:00:00', 'A1', '5.00', 'earn', 'R1', 'Ops'],
    ['E2', '2025-03-02 10:00:00', 'A2', '-3.00', 'redeem', 'R1', 'Ops'],
  ];
  const big = [...rows.map((r) => [...r])];
  big[1][6] = 'x'.repeat(10 * 1024 * 1024);
  const wideHeader = [...HEADER, ...Array.from({ length: columns - HEADER.length }, (_, i) => `c${i}`)];
  return [
    { label: '10 MB single field', ext: 'csv', bytes: Buffer.from(toCsv(HEADER, big)) },
    {
      label: `header with ${columns.toLocaleString('en')} columns`,
      ext: 'csv',
      bytes: Buffer.from(toCsv(wideHeader, rows)),
    },
  ];
}
