import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli-run.ts';
import { memoryDb, tempDir, writeTemp } from '../ledger/helpers.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAccounts, importLedger, importRules } from '../../src/ledger/import.ts';
import { loadConfig } from '../../src/config.ts';
import { generateSample, SAMPLE_DEFAULTS } from '../../src/sample/generate.ts';
import { buildReport } from '../../src/report/build.ts';
import { sqlRows } from '../../src/db/sql.ts';

/**
 * Outside review of the import and the one-shot `report --ledger` on hostile files: every data line is counted once
 * (rows_read = accepted + quarantined + duplicates = the file's records), and the one-shot report equals import +
 * `report --db` on the same file, whichever way the one-shot path reads it.
 */
const HEADER = 'event_id,occurred_at,account_id,points,event_type,rule_id,department';
const ZH_HEADER = '流水号,时间,工号,积分,类型,规则,部门';

/** 48 clean rows over 2026Q1: 12 accounts, earns and a few redemptions, two departments. */
function baseRows(): string[] {
  const rows: string[] = [];
  for (let i = 0; i < 48; i++) {
    const account = `u${String((i % 12) + 1).padStart(2, '0')}`;
    const day = String((i % 27) + 1).padStart(2, '0');
    const month = String((i % 3) + 1).padStart(2, '0');
    const redeem = i % 7 === 6;
    const points = redeem ? -(5 + (i % 4)) : 10 + ((i * 7) % 23);
    rows.push(
      `x${i + 1},2026-${month}-${day} 10:${String(i % 60).padStart(2, '0')}:00,${account},${points},${redeem ? 'redeem' : 'earn'},R${(i % 3) + 1},${i % 12 < 6 ? 'Sales' : 'Ops'}`,
    );
  }
  return rows;
}

interface Case {
  name: string;
  content: string | Buffer;
  /** Records in the file (what rows_read must say). */
  records: number;
  /** Rows the import must accept. */
  accepted: number;
}

const base = baseRows();
const text = (lines: string[], eol = '\n', last = eol) => lines.join(eol) + last;
const zh = (line: string) => line.replace(/,earn,/, ',奖励,').replace(/,redeem,/, ',兑换,');

const CASES: Case[] = [
  { name: 'a clean file', content: text([HEADER, ...base]), records: 48, accepted: 48 },
  {
    name: 'a repeated id far apart (identical copy at the end)',
    content: text([HEADER, ...base, base[0]]),
    records: 49,
    accepted: 48,
  },
  {
    name: 'a repeated id adjacent (identical copy on the next line)',
    content: text([HEADER, base[0], base[0], ...base.slice(1)]),
    records: 49,
    accepted: 48,
  },
  {
    name: 'a repeated id whose second copy differs',
    content: text([HEADER, ...base, base[3].replace(/,(\d+),earn,/, ',999,earn,')]),
    records: 49,
    accepted: 48,
  },
  {
    name: 'a repeated id whose second copy is bad',
    content: text([HEADER, ...base.slice(0, 30), base[2].replace(/,(\d+),earn,/, ',abc,earn,'), ...base.slice(30)]),
    records: 49,
    accepted: 48,
  },
  {
    name: 'ids differing only by padding and case',
    content: text([HEADER, ...base, base[4].replace(/^x5,/, ' x5 ,'), base[5].replace(/^x6,/, 'X6,')]),
    records: 50,
    accepted: -1, // decided by the import; the one-shot report must agree with it
  },
  {
    name: 'an account and a department padded with an ideographic space, a no-break space and a tab',
    content: text([
      HEADER,
      ...base,
      'x901,2026-02-10 10:00:00,u01\u3000,11,earn,R1,Sales',
      'x902,2026-02-11 10:00:00,u02\u00a0,12,earn,R1,Sales',
      'x903,2026-02-12 10:00:00,u03\t,13,earn,R1,Sales',
      'x904,2026-02-13 10:00:00,u04,14,earn,R1,Ops\u3000',
    ]),
    records: 52,
    accepted: -1,
  },
  {
    name: 'a file ending without a newline, a bad value on its last line',
    content: text([HEADER, ...base, 'x999,2026-03-30 10:00:00,u01,1.005,earn,R1,Sales'], '\n', ''),
    records: 49,
    accepted: 48,
  },
  { name: 'CRLF line ends', content: text([HEADER, ...base], '\r\n'), records: 48, accepted: 48 },
  {
    name: 'CRLF with a repeated id and no final line end',
    content: text([HEADER, ...base, base[10]], '\r\n', ''),
    records: 49,
    accepted: 48,
  },
  {
    name: 'GBK with Chinese headers and values',
    content: iconv.encode(
      text(
        [ZH_HEADER, ...base.map(zh)].map((l) => l.replace(/Sales/, '销售部').replace(/Ops/, '运营部')),
        '\r\n',
      ),
      'gbk',
    ),
    records: 48,
    accepted: 48,
  },
  {
    name: 'UTF-16LE with a BOM and Chinese headers',
    content: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        text(
          [ZH_HEADER, ...base.map(zh)].map((l) => l.replace(/,/g, '\t').replace(/Sales/, '销售部')),
          '\r\n',
        ),
        'utf16le',
      ),
    ]),
    records: 48,
    accepted: 48,
  },
  {
    name: 'quoted newlines in a reason',
    content: text([
      `${HEADER},reason`,
      ...base.map((l, i) => (i % 5 === 0 ? `${l},"line one\nline two, ""quoted"""` : `${l},plain`)),
    ]),
    records: 48,
    accepted: 48,
  },
  {
    name: 'no id column, two identical rows (both kept: ids from content and occurrence)',
    content: text([
      HEADER.replace('event_id,', ''),
      ...base.map((l) => l.replace(/^x\d+,/, '')),
      base[0].replace(/^x\d+,/, ''),
    ]),
    records: 49,
    accepted: 49,
  },
];

const PERIOD = { period: { from: '2026-01-01', to: '2026-04-01' }, by: 'department' } as const;

describe('import and one-shot report on hostile files: every record counted once, both paths report alike', () => {
  it.each(CASES)(
    '$name',
    async (c) => {
      const file = writeTemp('ledger.csv', c.content);
      const db = await memoryDb();
      const s = await importLedger(db, { file });
      expect(s.rows_read).toBe(c.records);
      expect(s.accepted + s.quarantined + s.duplicates).toBe(s.rows_read);
      if (c.accepted >= 0) expect(s.accepted).toBe(c.accepted);
      const [{ rows }] = await sqlRows<{ rows: number }>(db, 'SELECT count(*)::INTEGER AS rows FROM ledger');
      expect(rows).toBe(s.accepted);
      const fromDb = JSON.parse(JSON.stringify(await buildReport(db, PERIOD)));
      const args = ['--from', '2026-01-01', '--to', '2026-04-01', '--by', 'department', '--json'];
      const oneShot = await cli(['report', '--ledger', file, ...args]);
      expect(oneShot.code, oneShot.stderr).toBe(0);
      expect(JSON.parse(oneShot.stdout)).toEqual(fromDb);
      if (s.quarantined > 0) expect(oneShot.stderr).toContain(`${s.quarantined} rows were quarantined`);
    },
    120_000,
  );
});

describe('one-shot with a roster: the checks run beside the roster import, and a file they fail is read again', () => {
  const roster = [
    'account_id,name,department,level',
    ...Array.from(
      { length: 12 },
      (_, i) => `u${String(i + 1).padStart(2, '0')},n${i + 1},${i < 4 ? 'Sales' : 'Ops'},L${(i % 3) + 1}`,
    ),
  ].join('\n');
  it.each([
    ['clean', text([HEADER, ...base])],
    ['a repeated id far apart', text([HEADER, ...base, base[1]])],
    [
      'a repeated id whose second copy is bad',
      text([HEADER, ...base, base[7].replace(/,(\d+),earn,/, ',1.005,earn,')]),
    ],
  ])(
    '%s',
    async (_name, content) => {
      const file = writeTemp('ledger.csv', content);
      const accounts = writeTemp('accounts.csv', `${roster}\n`);
      const db = await memoryDb();
      const s = await importLedger(db, { file });
      expect(s.accepted + s.quarantined + s.duplicates).toBe(s.rows_read);
      await importAccounts(db, { file: accounts });
      const ask = { period: { from: '2026-01-01', to: '2026-04-01' }, by: 'level' } as const;
      const fromDb = JSON.parse(JSON.stringify(await buildReport(db, ask)));
      const args = ['--accounts', accounts, '--from', '2026-01-01', '--to', '2026-04-01', '--by', 'level', '--json'];
      const oneShot = await cli(['report', '--ledger', file, ...args]);
      expect(oneShot.code, oneShot.stderr).toBe(0);
      expect(JSON.parse(oneShot.stdout)).toEqual(fromDb);
    },
    120_000,
  );
});

describe('a second import overlapping the first: every record counted once', () => {
  it('ids already imported are duplicates; one repeated within the file too; the new row accepted', async () => {
    const db = await memoryDb();
    const first = await importLedger(db, { file: writeTemp('a.csv', text([HEADER, ...base])) });
    expect(first).toMatchObject({ rows_read: 48, accepted: 48 });
    const again = [
      ...base.slice(0, 10),
      base[0],
      base[20].replace(/^x21,/, 'x21 ,'),
      'n1,2026-03-30 10:00:00,u05,9,earn,R1,Ops',
    ];
    const s = await importLedger(db, { file: writeTemp('b.csv', text([HEADER, ...again])) });
    expect(s.rows_read).toBe(13);
    expect(s.accepted + s.quarantined + s.duplicates).toBe(13);
    expect(s.accepted).toBe(1);
    const [{ rows }] = await sqlRows<{ rows: number }>(db, 'SELECT count(*)::INTEGER AS rows FROM ledger');
    expect(rows).toBe(49);
  });
});

describe('one-shot on a generated ledger whose last line repeats its first (found beside the report)', () => {
  it('equals import + report with roster, rules and settings', async () => {
    const out = tempDir();
    await generateSample({ ...SAMPLE_DEFAULTS, out, accounts: 200, seed: 5 });
    const ledger = join(out, 'ledger.csv');
    const lines = readFileSync(ledger, 'utf8').trimEnd().split('\n');
    writeFileSync(ledger, `${[...lines, lines[1]].join('\n')}\n`);
    const db = await memoryDb();
    const s = await importLedger(db, { file: ledger });
    expect(s.rows_read).toBe(lines.length);
    expect(s.accepted).toBe(lines.length - 1);
    await importAccounts(db, { file: join(out, 'accounts.csv') });
    await importRules(db, { file: join(out, 'rules.csv') });
    const config = loadConfig(join(out, 'program.json'));
    const fromDb = JSON.parse(JSON.stringify(await buildReport(db, { config, by: 'department' })));
    const files = ['--accounts', join(out, 'accounts.csv'), '--rules', join(out, 'rules.csv')];
    const oneShot = await cli([
      'report',
      '--ledger',
      ledger,
      ...files,
      '--config',
      join(out, 'program.json'),
      '--by',
      'department',
      '--json',
    ]);
    expect(oneShot.code, oneShot.stderr).toBe(0);
    expect(JSON.parse(oneShot.stdout)).toEqual(fromDb);
  }, 300_000);
});
