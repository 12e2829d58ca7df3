import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { csv, expectReconciled, ledgerRows, memoryDb, writeTemp } from './helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

async function reasonsFor(...lines: string[]) {
  const db = await memoryDb();
  const s = await importLedger(db, { file: writeTemp('v.csv', csv(...lines)) });
  expectReconciled(s);
  return { s, db, reasons: s.quarantine.map((q) => [q.line, q.reasons.join(' | ')] as const) };
}

describe('validation and quarantine', () => {
  it('quarantines every kind of bad row with its line, column and every reason', async () => {
    const { s, reasons } = await reasonsFor(
      'e1,2026-01-05 09:00,u1,10,earn,R1,d', // 2 ok
      'e2,,u1,10,earn,R1,d', // 3 missing timestamp
      'e3,2026-13-45,u1,10,earn,R1,d', // 4 unparseable timestamp
      'e4,2026-01-05,u1,ten,earn,R1,d', // 5 non-numeric
      'e5,2026-01-05,u1,1.005,earn,R1,d', // 6 three decimals
      'e6,2026-01-05,u1,-3,earn,R1,d', // 7 sign contradicts type
      'e7,2026-01-05,u1,3,gift,R1,d', // 8 unknown type
      'e1,2026-01-06,u1,5,earn,R1,d', // 9 duplicate id in file
      ',2026-01-05,,NaN,earn,R1,d', // 10 missing id and account, NaN
    );
    expect(s).toMatchObject({ rows_read: 9, accepted: 1, quarantined: 8, duplicates: 0 });
    expect(reasons).toEqual([
      [3, 'occurred_at (column "occurred_at"): missing'],
      [4, expect.stringMatching(/^occurred_at \(column "occurred_at"\): cannot read "2026-13-45" as a timestamp/)],
      [5, 'points (column "points"): "ten" is not a number'],
      [6, 'points (column "points"): "1.005" has more than two decimals'],
      [7, 'points (column "points"): -3.00 contradicts event_type earn (earn must be > 0)'],
      [8, expect.stringMatching(/^event_type \(column "event_type"\): unknown type "gift"/)],
      [9, 'event_id: "e1" appears again; first at line 2'],
      [
        10,
        'event_id (column "event_id"): missing | account_id (column "account_id"): missing | points (column "points"): "NaN" is not a number',
      ],
    ]);
    expect(s.quarantine[1].raw).toMatchObject({ event_id: 'e3', occurred_at: '2026-13-45', department: 'd' });
  });

  it('accepts mixed timestamp formats row by row, in the program time zone', async () => {
    const db = await memoryDb();
    const lines = [
      'a,2026-01-05 09:00:00,u,1,earn,R,d',
      'b,2026-01-05T09:00:00+08:00,u,1,earn,R,d',
      'c,2026/01/05 09:00,u,1,earn,R,d',
      'd,2026-01-05,u,1,earn,R,d',
      'e,1767603600,u,1,earn,R,d',
      'f,1767603600000,u,1,earn,R,d',
      'g,2026-01-05T01:00:00Z,u,1,earn,R,d',
      'h,01/05/2026,u,1,earn,R,d',
    ];
    const s = await importLedger(db, {
      file: writeTemp('t.csv', csv(...lines)),
      config: { ...(await import('../../src/config.ts')).defaultConfig(), timezone: 'Asia/Shanghai' },
    });
    expectReconciled(s);
    const got = Object.fromEntries((await ledgerRows(db)).map((r) => [r.event_id, r.occurred_at]));
    // Offsets are converted to Shanghai (UTC+8); naive times are already Shanghai wall time.
    expect(got).toEqual({
      a: '2026-01-05 09:00:00',
      b: '2026-01-05 09:00:00',
      c: '2026-01-05 09:00:00',
      d: '2026-01-05 00:00:00',
      e: '2026-01-05 17:00:00',
      f: '2026-01-05 17:00:00',
      g: '2026-01-05 09:00:00',
    });
    // Month-first or day-first dates are ambiguous: refused, not guessed.
    expect(s.quarantine.map((q) => q.line)).toEqual([9]);
  });

  it('reads thousands separators and full-width digits, and says so', async () => {
    const { s, db } = await reasonsFor(
      'e1,2026-01-05,u1,"1,200",earn,R1,d',
      'e2,2026-01-05,u1,１２０,earn,R1,d',
      'e3,2026-01-05,u1,"1,20",earn,R1,d',
      'e4,2026-01-05,u1,－５,deduct,R1,d',
    );
    expect((await ledgerRows(db)).map((r) => r.points)).toEqual([1200, 120, -5]);
    expect(s.quarantine.map((q) => q.reasons[0])).toEqual(['points (column "points"): "1,20" is not a number']);
    expect(s.warnings.join('\n')).toMatch(/1 values had thousands separators[\s\S]*2 values used full-width digits/);
  });

  it('infers the type from the sign when the file has no type column, and says so', async () => {
    const db = await memoryDb();
    const s = await importLedger(db, {
      file: writeTemp('n.csv', 'id,time,user_id,delta\n1,2026-01-01,u,5\n2,2026-01-02,u,-2\n3,2026-01-03,u,0\n'),
    });
    expectReconciled(s);
    expect((await ledgerRows(db)).map((r) => r.event_type)).toEqual(['earn', 'redeem']);
    expect(s.quarantine[0]).toMatchObject({ line: 4, reasons: ['event_type: cannot infer a type from points = 0'] });
    expect(s.warnings.join()).toMatch(/inferred from the sign/);
  });

  it('derives stable ids when the export has none, so a re-import adds nothing', async () => {
    const db = await memoryDb();
    const file = writeTemp(
      'noid.csv',
      'time,user_id,delta,type\n2026-01-01,u,5,earn\n2026-01-01,u,5,earn\n2026-01-02,v,7,earn\n',
    );
    const first = await importLedger(db, { file });
    expect(first).toMatchObject({ accepted: 3, quarantined: 0 });
    const ids = (await ledgerRows(db)).map((r) => r.event_id);
    // Two identical rows are two movements: their occurrence index keeps them apart.
    expect(new Set(ids).size).toBe(3);
    const again = await importLedger(db, { file });
    expect(again).toMatchObject({ rows_read: 3, accepted: 0, duplicates: 3 });
  });
});

describe('bad files get a clear message, exit-code 2 errors, and nothing written', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty file', '', /the file is empty/],
    ['header only', 'event_id,occurred_at,account_id,points\n', /header but no data rows/],
    ['binary garbage', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0xff, 0xfe]), /not a text file/],
    ['no usable header', '1,2,3\n4,5,6\n', /no column for occurred_at, account_id, points \(line 1, the header\)/],
    [
      'duplicate header names',
      'event_id,occurred_at,account_id,points,points\ne1,2026-01-01,u,1,2\n',
      /names the same column twice: "points" \(columns 4 and 5\)/,
    ],
  ];
  for (const [name, content, message] of cases) {
    it(name, async () => {
      const db = await memoryDb();
      const err = await importLedger(db, { file: writeTemp('bad.csv', content) }).catch((e) => e);
      expect(err.name).toBe('UserError');
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(/bad\.csv/);
      expect(err.message).toMatch(message);
      const [{ n }] = await sqlRows<{ n: number }>(
        db,
        `SELECT (SELECT count(*) FROM ledger) + (SELECT count(*) FROM imports) + (SELECT count(*) FROM rejects) AS n`,
      );
      expect(Number(n)).toBe(0);
    });
  }

  it('a ragged row is quarantined with its line, the rest imported', async () => {
    const db = await memoryDb();
    const s = await importLedger(db, {
      file: writeTemp(
        'r.csv',
        'event_id,occurred_at,account_id,points\ne1,2026-01-01,u,1\ne2,2026-01-01,u\ne3,2026-01-01,u,3,extra\ne4,2026-01-01,u,4\n',
      ),
    });
    expectReconciled(s);
    expect(s).toMatchObject({ rows_read: 4, accepted: 2, quarantined: 2 });
    expect(s.quarantine.map((q) => [q.line, q.reasons[0]])).toEqual([
      [3, 'row: the row has fewer fields than the header'],
      [4, 'row: the row has more fields than the header; a value probably contains the delimiter without quotes'],
    ]);
    expect(s.quarantine[0].raw).toEqual({ source_text: 'e2,2026-01-01,u' });
  });

  it('a duplicate header name that feeds no canonical column is kept, with a warning', async () => {
    const db = await memoryDb();
    const s = await importLedger(db, {
      file: writeTemp('d.csv', 'event_id,occurred_at,account_id,points,note2,note2\ne1,2026-01-01,u,1,a,b\n'),
    });
    expect(s.accepted).toBe(1);
    expect(s.warnings.join()).toMatch(/appear twice/);
    const [r] = await sqlRows<{ a: string; b: string }>(
      db,
      `SELECT extra->>'note2' AS a, extra->>'note2_2' AS b FROM ledger`,
    );
    expect(r).toEqual({ a: 'a', b: 'b' });
  });
});
