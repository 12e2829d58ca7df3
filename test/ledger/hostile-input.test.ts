import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { independentRecordCount } from '../fuzz/independent-count.ts';
import { csv, expectReconciled, HEADER, ledgerRows, memoryDb, writeTemp } from './helpers.ts';
import { sqlExec } from '../../src/db/sql.ts';

const row = (i: number, extra = `R1,d${i % 3}`) => `e${i},2026-01-05 10:00:00,u${i % 50},${(i % 9) + 1},earn,${extra}`;
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => row(from + k));

describe('issue 14 item 1: an unclosed quote does not swallow the file', () => {
  it('a 12,000-row CSV with "unterminated on line 4: every record counted, the broken one quarantined at line 4', async () => {
    const lines = [...rows(1, 2), row(3, 'R1,"unterminated'), ...rows(4, 12_000)];
    const text = csv(...lines);
    const file = writeTemp('quote.csv', text);
    const independent = independentRecordCount(Buffer.from(text));
    expect(independent).toBe(12_000);
    const db = await memoryDb();
    const s = await importLedger(db, { file });
    expectReconciled(s);
    expect(s.rows_read).toBe(independent);
    expect(s).toMatchObject({ accepted: 11_999, quarantined: 1 });
    expect(s.quarantine[0].line).toBe(4);
    expect(s.quarantine[0].reasons.join(' ')).toMatch(/quote .*line 4.* never closed/);
    expect(s.warnings.join('\n')).toMatch(/line 4/);
    const stored = await ledgerRows(db);
    expect(stored.at(-1)).toMatchObject({ event_id: 'e12000', line: 12_001 });
  });

  it('a quote closed wrongly several lines later quarantines only its own line', async () => {
    const text = csv(
      row(1),
      row(2, 'R1,"broken'),
      row(3),
      row(4, 'R1,"x"y'),
      row(5),
      row(6, 'R1,"two\nlines"'),
      row(7),
    );
    const file = writeTemp('q2.csv', text);
    const s = await importLedger(await memoryDb(), { file });
    expectReconciled(s);
    expect(s.rows_read).toBe(independentRecordCount(Buffer.from(text)));
    expect(s.rows_read).toBe(7);
    expect(s.quarantine.map((q) => q.line)).toEqual([3, 5]);
  });
});

describe('issue 14 item 5: line numbers after two or more skipped lines in a row', () => {
  it('blank lines in a row keep each row on its physical line', async () => {
    const file = writeTemp(
      'blank.csv',
      `${HEADER}\n${row(1)}\n\n\n${row(2)}\n\n\n\n${row(3)}\ne4,bad-date,u,1,earn,R1,d\n`,
    );
    const db = await memoryDb();
    const s = await importLedger(db, { file });
    expectReconciled(s);
    expect((await ledgerRows(db)).map((r) => r.line)).toEqual([2, 5, 9]);
    expect(s.quarantine.map((q) => q.line)).toEqual([10]);
  });

  it('ragged rows in a row keep the rows after them on their lines', async () => {
    const file = writeTemp('ragged.csv', `${HEADER}\n${row(1)}\na,b\nc,d\n${row(2)}\n${row(3)}\n`);
    const db = await memoryDb();
    const s = await importLedger(db, { file });
    expectReconciled(s);
    expect((await ledgerRows(db)).map((r) => r.line)).toEqual([2, 5, 6]);
    expect(s.quarantine.map((q) => q.line)).toEqual([3, 4]);
  });
});

describe('issue 14 item 6: a byte-order mark in the middle of a file', () => {
  it('two exports concatenated: the second BOM is not part of an id, the overlap is not stored twice', async () => {
    const bom = '\uFEFF';
    const file = writeTemp('twice.csv', `${bom}${csv(row(1), row(2))}${bom}${csv(row(2), row(3))}`);
    const db = await memoryDb();
    const s = await importLedger(db, { file });
    expectReconciled(s);
    const ids = (await ledgerRows(db)).map((r) => r.event_id);
    expect(ids).toEqual(['e1', 'e2', 'e3']);
    expect(JSON.stringify(s.quarantine)).not.toContain(bom);
    expect(s.quarantine.map((q) => q.line)).toEqual([4, 5]); // the repeated header, and e2 again
  });
});

describe('issue 14 item 7: invalid GBK bytes are quarantined, never turned into U+FFFD', () => {
  const dept = Buffer.from([0xd1, 0xd0, 0xb7, 0xa2, 0xb2, 0xbf]); // 研发部 in GBK
  const line = (i: number) =>
    Buffer.concat([Buffer.from(`e${i},2026-01-05 10:00:00,u${i},5,earn,R1,`), dept, Buffer.from('\n')]);
  const broken = Buffer.concat([
    Buffer.from('e3,2026-01-05 10:00:00,u3,5,earn,R1,'),
    Buffer.from([0x81, 0x20]),
    dept,
    Buffer.from('\n'),
  ]);
  const file = () =>
    writeTemp(
      'gbk.csv',
      Buffer.concat([
        Buffer.from(`${HEADER}\n`),
        line(1),
        line(2),
        broken,
        ...Array.from({ length: 40 }, (_, i) => line(i + 4)),
      ]),
    );

  for (const encoding of [undefined, 'gbk']) {
    it(`with${encoding ? ' --encoding gbk' : 'out --encoding'}`, async () => {
      const db = await memoryDb();
      const s = await importLedger(db, { file: file(), encoding });
      expectReconciled(s);
      expect(s).toMatchObject({ rows_read: 43, accepted: 42, quarantined: 1, encoding: 'gbk' });
      expect(s.quarantine[0].line).toBe(4);
      expect(s.quarantine[0].reasons.join(' ')).toMatch(/not valid GBK/);
      const depts = (await ledgerRows(db)).map((r) => r.department);
      expect(depts.every((d) => d === '研发部')).toBe(true);
    });
  }
});

describe('issue 14 item 17: UTF-16, NDJSON with CRLF, impossible offsets, dry runs', () => {
  const text = `${HEADER.replaceAll(',', '\t')}\r\n${[row(1), row(2), 'e3,2026-01-05 10:00:00,u3,5,earn,R1,研发部'].map((l) => l.replaceAll(',', '\t')).join('\r\n')}\r\n`;
  it('reads Excel\'s "Unicode text" (UTF-16LE, tab-separated) and UTF-16BE', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const [name, bytes, encoding] of [
      ['le.txt', le, 'utf-16le'],
      ['be.txt', be, 'utf-16be'],
    ] as const) {
      const db = await memoryDb();
      const s = await importLedger(db, { file: writeTemp(name, bytes) });
      expectReconciled(s);
      expect(s).toMatchObject({ rows_read: 3, accepted: 3, encoding });
      expect((await ledgerRows(db)).map((r) => [r.event_id, r.department, r.line])).toEqual([
        ['e1', 'd1', 2],
        ['e2', 'd2', 3],
        ['e3', '研发部', 4],
      ]);
    }
  });

  it('reads UTF-16 without a byte-order mark, in both byte orders, detected or named', async () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(text, 'utf16le').swap16();
    for (const [name, bytes, encoding, forced] of [
      ['nobom-le.txt', le, 'utf-16le', undefined],
      ['nobom-be.txt', be, 'utf-16be', undefined],
      ['named-le.txt', le, 'utf-16le', 'utf-16'],
    ] as const) {
      const db = await memoryDb();
      const s = await importLedger(db, { file: writeTemp(name, bytes), encoding: forced });
      expectReconciled(s);
      expect(s).toMatchObject({ rows_read: 3, accepted: 3, encoding });
      expect((await ledgerRows(db)).map((r) => r.department)).toEqual(['d1', 'd2', '研发部']);
    }
  });

  it('a file named UTF-16 that is not UTF-16 is refused with the fix', async () => {
    const e = await importLedger(await memoryDb(), {
      file: writeTemp('plain.csv', csv(row(1))),
      encoding: 'utf-16',
    }).catch((err: Error) => err);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(/not UTF-16/);
  });

  it('an NDJSON file with one CRLF line is read as NDJSON', async () => {
    const obj = (i: number) =>
      JSON.stringify({
        event_id: `e${i}`,
        occurred_at: '2026-01-05 10:00:00',
        account_id: 'u',
        points: 5,
        event_type: 'earn',
      });
    const file = writeTemp('crlf.ndjson', `${obj(1)}\n${obj(2)}\r\n${obj(3)}\n`);
    const s = await importLedger(await memoryDb(), { file }).catch((e: Error) => e);
    expect(s).not.toBeInstanceOf(Error);
    expect(s).toMatchObject({ rows_read: 3, accepted: 3 });
  });

  it('refuses offsets beyond ±14:00 (quarantined with a reason)', async () => {
    const file = writeTemp(
      'tz.csv',
      csv(
        'e1,2026-01-05T10:00:00+25:00,u,5,earn,R1,d',
        'e2,2026-01-05T10:00:00+08:75,u,5,earn,R1,d',
        'e3,2026-01-05T10:00:00+08:00,u,5,earn,R1,d',
      ),
    );
    const s = await importLedger(await memoryDb(), { file });
    expectReconciled(s);
    expect(s).toMatchObject({ accepted: 1, quarantined: 2 });
    expect(s.quarantine[0].reasons.join(' ')).toMatch(/offset "\+25:00"/);
  });

  it('dry runs do not consume import numbers', async () => {
    const db = await memoryDb();
    const file = writeTemp('d.csv', csv(row(1)));
    await importLedger(db, { file, dryRun: true });
    await importLedger(db, { file, dryRun: true });
    const s = await importLedger(db, { file });
    expect(s.import_id).toBe(1);
    await importLedger(db, { file: writeTemp('d2.csv', csv(row(2))), dryRun: true });
    expect((await importLedger(db, { file: writeTemp('d3.csv', csv(row(3))) })).import_id).toBe(2);
  });
});

describe('issue 14 item 8: ids derived from canonical values when the file has no id column', () => {
  const head = 'occurred_at,account_id,points,event_type,rule_id,counterparty_id';
  it('an overlapping export that Excel re-saved is recognised as duplicates', async () => {
    const db = await memoryDb();
    await importLedger(db, {
      file: writeTemp('a.csv', `${head}\n2026-01-05 10:00:00,u1,10,earn,R1,\n2026-01-06 09:30:00,u2,-5,redeem,R2,\n`),
    });
    const s = await importLedger(db, {
      file: writeTemp(
        'b.csv',
        `${head}\n2026/01/05 10:00,u1,10.00,earn,R1,\n2026/1/6 9:30,u2,-5.00,兑换,R2,\n2026-01-07 08:00:00,u3,3,earn,R1,\n`,
      ),
    });
    expectReconciled(s);
    expect(s).toMatchObject({ accepted: 1, duplicates: 2, quarantined: 0 });
  });

  it('fields cannot run into each other: R1 in one column is not R1 in the next', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: writeTemp('c.csv', `${head}\n2026-01-05 10:00:00,u1,10,earn,R1,\n`) });
    const s = await importLedger(db, { file: writeTemp('d.csv', `${head}\n2026-01-05 10:00:00,u1,10,earn,,R1\n`) });
    expectReconciled(s);
    expect(s).toMatchObject({ accepted: 1, quarantined: 0, duplicates: 0 });
  });

  it('refuses to add an id-less export to a database whose derived ids an older version wrote', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: writeTemp('a.csv', `${head}\n2026-01-05 10:00:00,u1,10,earn,R1,\n`) });
    await sqlExec(db, `UPDATE ledger SET event_id = 'h0123456789abcdef-1'`);
    const err = await importLedger(db, {
      file: writeTemp('b.csv', `${head}\n2026-01-05 10:00:00,u1,10,earn,R1,\n`),
    }).catch((e) => e);
    expect(err).toMatchObject({ name: 'UserError', code: 'derived_ids_changed', exitCode: 2 });
    expect(err.message).toMatch(/b\.csv.*older version/);
    expect(err.hint).toMatch(/new database/);
  });
});

describe('issue 14: a header that cannot be read is refused, not set aside', () => {
  it('an unclosed quote in the header', async () => {
    const err = await importLedger(await memoryDb(), {
      file: writeTemp('h.csv', `event_id,"occurred_at,account_id,points\n${row(1)}\n`),
    }).catch((e) => e);
    expect(err).toMatchObject({ name: 'UserError', code: 'bad_header', exitCode: 2 });
    expect(err.message).toMatch(
      /h\.csv: line 1, the header, cannot be read: the quote opened at line 1, column 10 is never closed/,
    );
  });

  it('an undecodable header in a GBK file', async () => {
    const dept = Buffer.from([0xd1, 0xd0, 0xb7, 0xa2, 0xb2, 0xbf]);
    const body = Array.from({ length: 5 }, (_, i) =>
      Buffer.concat([Buffer.from(`e${i},2026-01-05 10:00:00,u,5,earn,R1,`), dept, Buffer.from('\n')]),
    );
    const file = writeTemp(
      'gh.csv',
      Buffer.concat([Buffer.from(`${HEADER},`), Buffer.from([0x81, 0x20]), Buffer.from('\n'), ...body]),
    );
    const err = await importLedger(await memoryDb(), { file, encoding: 'gbk' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'bad_header', exitCode: 2 });
    expect(err.message).toMatch(/line 1, the header, cannot be read: the line is not valid GBK/);
  });

  it('an NDJSON line with invalid GBK bytes is quarantined by line', async () => {
    const obj = (i: number) =>
      Buffer.from(
        JSON.stringify({
          event_id: `e${i}`,
          occurred_at: '2026-01-05 10:00:00',
          account_id: 'u',
          points: 5,
          event_type: 'earn',
          department: '研发部',
        }).replace('研发部', '\u0000'),
      );
    const gbkLine = (i: number, bad = false) => {
      const [a, b] = obj(i).toString().split('\u0000');
      return Buffer.concat([
        Buffer.from(a),
        Buffer.from([0xd1, 0xd0, 0xb7, 0xa2, 0xb2, 0xbf]),
        bad ? Buffer.from([0x81, 0x20]) : Buffer.alloc(0),
        Buffer.from(`${b}\n`),
      ]);
    };
    const file = writeTemp('g.ndjson', Buffer.concat([gbkLine(1), gbkLine(2, true), gbkLine(3)]));
    const s = await importLedger(await memoryDb(), { file, encoding: 'gbk' });
    expectReconciled(s);
    expect(s).toMatchObject({ rows_read: 3, accepted: 2, quarantined: 1 });
    expect(s.quarantine[0]).toMatchObject({ line: 2 });
  });
});

describe('issue 14: bytes that made the reader give up on the whole file cost one line', () => {
  it('a carriage return alone inside a line, and a NUL, are quarantined by line', async () => {
    // The NUL lies past the sample a binary file is recognised by (256 KB), as in a long export with one bad line.
    const file = writeTemp(
      'cr.csv',
      `${HEADER}\n${row(1)}\ne2,2026-01-05 10:00:00,u\r2,5,earn,R1,d\n${rows(3, 8000).join('\n')}\ne8001,2026-01-05 10:00:00,u\u00004,5,earn,R1,d\n${row(8002)}\n`,
    );
    const db = await memoryDb();
    const s = await importLedger(db, { file });
    expectReconciled(s);
    expect(s).toMatchObject({ rows_read: 8002, accepted: 8000, quarantined: 2 });
    expect(s.quarantine.map((q) => [q.line, q.reasons[0].slice(0, 30)])).toEqual([
      [3, 'row: a carriage return (\\r) st'],
      [8002, 'row: the line holds a NUL char'],
    ]);
    expect((await ledgerRows(db)).at(-1)?.line).toBe(8003);
  });

  it('a UTF-16 line with a NUL character is quarantined, and its raw text stored', async () => {
    const text = `${HEADER.replaceAll(',', '\t')}\n${row(1).replaceAll(',', '\t')}\ne2\t2026-01-05 10:00:00\tu\u0000'\t5\tearn\tR1\td\n`;
    const s = await importLedger(await memoryDb(), {
      file: writeTemp('n.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    });
    expectReconciled(s);
    expect(s).toMatchObject({ rows_read: 2, accepted: 1, quarantined: 1 });
    expect(s.quarantine[0].raw).toEqual({ source_text: "e2\t2026-01-05 10:00:00\tu'\t5\tearn\tR1\td" });
  });
});

describe('issue 14: a few GBK bytes in a UTF-8 file', () => {
  it('are read as UTF-8 with the damaged line quarantined, not refused as "neither UTF-8 nor GBK"', async () => {
    const bad = Buffer.concat([
      Buffer.from('e3,2026-01-05 10:00:00,u3,5,earn,R1,'),
      Buffer.from([0xd1, 0xd0, 0xb7, 0xa2, 0xb2, 0xbf]),
      Buffer.from('\n'),
    ]);
    const file = writeTemp(
      'mixed.csv',
      Buffer.concat([
        Buffer.from(csv(row(1, 'R1,研发部'), row(2, 'R1,销售部'))),
        bad,
        Buffer.from(`${row(4, 'R1,研发部')}\n`),
      ]),
    );
    const s = await importLedger(await memoryDb(), { file });
    expectReconciled(s);
    expect(s).toMatchObject({ rows_read: 4, accepted: 3, quarantined: 1, encoding: 'utf-8' });
    expect(s.quarantine[0].line).toBe(4);
  });
});
