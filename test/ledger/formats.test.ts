import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { csv, expectReconciled, ledgerRows, memoryDb, writeTemp } from './helpers.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

const CN =
  '流水号,发生时间,工号,积分变动,变动类型,部门\nA1,2026-02-01 08:00,E001,50,奖励,研发部\nA2,2026-02-02 09:30,E002,-20,兑换,销售部\nA3,2026-02-03 10:00,E001,-5,扣分,研发部\n';

describe('formats and encodings', () => {
  it('reads a canonical UTF-8 CSV and reports where each column came from', async () => {
    const db = await memoryDb();
    const s = await importLedger(db, {
      file: writeTemp(
        'l.csv',
        csv('e1,2026-01-05 09:00:00,u1,100,earn,R1,研发部', 'e2,2026-01-06 10:30:00,u2,-40,redeem,M1,销售部'),
      ),
    });
    expectReconciled(s);
    expect(s).toMatchObject({
      rows_read: 2,
      accepted: 2,
      quarantined: 0,
      duplicates: 0,
      format: 'csv',
      encoding: 'utf-8',
    });
    expect(s.mapping).toMatchObject({ event_id: 'event_id', points: 'points', department: 'department' });
    expect(await ledgerRows(db)).toEqual([
      {
        event_id: 'e1',
        occurred_at: '2026-01-05 09:00:00',
        account_id: 'u1',
        points: 100,
        event_type: 'earn',
        line: 2,
        department: '研发部',
      },
      {
        event_id: 'e2',
        occurred_at: '2026-01-06 10:30:00',
        account_id: 'u2',
        points: -40,
        event_type: 'redeem',
        line: 3,
        department: '销售部',
      },
    ]);
  });

  it('detects GBK with Chinese headers and Chinese event types', async () => {
    const db = await memoryDb();
    const s = await importLedger(db, { file: writeTemp('gbk.csv', gbk(CN)) });
    expectReconciled(s);
    expect(s.encoding).toBe('gbk');
    expect(s.accepted).toBe(3);
    expect(s.mapping).toEqual({
      event_id: '流水号',
      occurred_at: '发生时间',
      account_id: '工号',
      points: '积分变动',
      event_type: '变动类型',
      department: '部门',
    });
    expect((await ledgerRows(db)).map((r) => [r.event_type, r.department])).toEqual([
      ['earn', '研发部'],
      ['redeem', '销售部'],
      ['deduct', '研发部'],
    ]);
    expect(s.warnings.join()).toMatch(/GBK/);
  });

  it('reads GBK when forced and refuses it as UTF-8 with the fix in the message', async () => {
    const db = await memoryDb();
    const file = writeTemp('gbk.csv', gbk(CN));
    expect((await importLedger(db, { file, encoding: 'gbk' })).accepted).toBe(3);
    await expect(importLedger(db, { file, encoding: 'utf-8' })).rejects.toThrow(/looks like GBK/);
  });

  it('strips a UTF-8 BOM from the first header name', async () => {
    const db = await memoryDb();
    const s = await importLedger(db, {
      file: writeTemp('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CN)])),
    });
    expect(s.encoding).toBe('utf-8-bom');
    expect(s.mapping.event_id).toBe('流水号');
    expect(s.accepted).toBe(3);
  });

  it('sniffs tab, semicolon and pipe delimiters', async () => {
    for (const d of ['\t', ';', '|']) {
      const db = await memoryDb();
      const s = await importLedger(db, { file: writeTemp('d.csv', CN.replaceAll(',', d)) });
      expect(s.accepted, JSON.stringify(d)).toBe(3);
    }
  });

  it('keeps real line numbers across blank lines and quoted newlines', async () => {
    const db = await memoryDb();
    const text = csv(
      'e1,2026-01-05,u1,1,earn,R1,"two',
      'lines"',
      '',
      'e2,2026-01-05,u1,x,earn,R1,d',
      'e3,2026-01-05,u1,3,earn,R1,d',
    );
    const s = await importLedger(db, { file: writeTemp('nl.csv', text) });
    expectReconciled(s);
    // header 1; e1 spans lines 2–3; line 4 blank; e2 on 5; e3 on 6
    expect(s.quarantine.map((q) => q.line)).toEqual([5]);
    expect((await ledgerRows(db)).map((r) => [r.event_id, r.line, r.department])).toEqual([
      ['e1', 2, 'two\nlines'],
      ['e3', 6, 'd'],
    ]);
  });

  it('reads NDJSON, skipping blank lines and quarantining a line that is not JSON', async () => {
    const db = await memoryDb();
    const text =
      '{"id":"n1","time":"2026-03-01T10:00:00Z","user_id":"u1","delta":10,"type":"earn","meta":{"x":1}}\n\n{"id":"n2","time":"2026-03-02","user_id":"u2","delta":-3,"type":"redeem"}\nnot json\n';
    const s = await importLedger(db, { file: writeTemp('l.ndjson', text) });
    expectReconciled(s);
    expect(s).toMatchObject({ format: 'ndjson', rows_read: 3, accepted: 2, quarantined: 1 });
    expect(s.quarantine[0]).toMatchObject({ line: 4, reasons: [expect.stringMatching(/not a JSON object/)] });
    const [meta] = await sqlRows<{ m: string }>(db, `SELECT extra->>'meta' AS m FROM ledger WHERE event_id = 'n1'`);
    expect(JSON.parse(meta.m)).toEqual({ x: 1 });
  });

  it('reads Parquet with row numbers as lines', async () => {
    const db = await memoryDb();
    const src = writeTemp(
      'l.csv',
      csv('e1,2026-01-05 09:00:00,u1,100,earn,R1,研发部', 'e2,2026-01-06 10:30:00,u2,-40,earn,M1,销售部'),
    );
    const pq = src.replace(/\.csv$/, '.parquet');
    await sqlExec(db, `COPY (SELECT * FROM read_csv('${src}')) TO '${pq}' (FORMAT parquet)`);
    const s = await importLedger(db, { file: pq });
    expectReconciled(s);
    expect(s).toMatchObject({ format: 'parquet', accepted: 1, quarantined: 1 });
    expect(s.quarantine[0].line).toBe(2);
    expect(s.quarantine[0].reasons[0]).toMatch(/-40.00 contradicts event_type earn/);
  });
});

function gbk(text: string): Buffer {
  // Node cannot encode GBK; every character used here is in this small table taken from the GBK code chart.
  const table: Record<string, number[]> = {
    流: [0xc1, 0xf7],
    水: [0xcb, 0xae],
    号: [0xba, 0xc5],
    发: [0xb7, 0xa2],
    生: [0xc9, 0xfa],
    时: [0xca, 0xb1],
    间: [0xbc, 0xe4],
    工: [0xb9, 0xa4],
    积: [0xbb, 0xfd],
    分: [0xb7, 0xd6],
    变: [0xb1, 0xe4],
    动: [0xb6, 0xaf],
    类: [0xc0, 0xe0],
    型: [0xd0, 0xcd],
    部: [0xb2, 0xbf],
    门: [0xc3, 0xc5],
    奖: [0xbd, 0xb1],
    励: [0xc0, 0xf8],
    研: [0xd1, 0xd0],
    兑: [0xb6, 0xd2],
    换: [0xbb, 0xbb],
    销: [0xcf, 0xfa],
    售: [0xca, 0xdb],
    扣: [0xbf, 0xdb],
  };
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (table[ch]) bytes.push(...table[ch]);
    else throw new Error(`no GBK code for ${ch} in the test table`);
  }
  const buf = Buffer.from(bytes);
  // The table is checked against Node's own GBK decoder so a wrong entry fails here, not in the importer.
  if (new TextDecoder('gbk').decode(buf) !== text) throw new Error('test GBK table is wrong');
  return buf;
}
