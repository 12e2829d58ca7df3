import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { expectReconciled, ledgerRows, memoryDb, tempDir, writeTemp } from './helpers.ts';

const EXPORT =
  'txn,when,member,amount_pts,what,branch\nT1,2026-04-01 10:00,M1,30,兑换!,North\nT2,2026-04-02 11:00,M2,25,got,South\n';

describe('column mapping', () => {
  it('a JSON mapping names source columns and maps values', async () => {
    const dir = tempDir();
    const file = writeTemp('x.csv', EXPORT.replace(',30,', ',-30,'), dir);
    const mapping = writeTemp(
      'm.json',
      JSON.stringify({
        columns: {
          event_id: 'txn',
          occurred_at: 'when',
          account_id: 'member',
          points: 'amount_pts',
          event_type: 'what',
          region: 'branch',
        },
        values: { event_type: { '兑换!': 'redeem', got: 'earn' } },
      }),
      dir,
    );
    const db = await memoryDb();
    const s = await importLedger(db, { file, mapping });
    expectReconciled(s);
    expect(s.accepted).toBe(2);
    expect(s.mapping).toMatchObject({ event_id: 'txn', points: 'amount_pts', region: 'branch' });
    expect((await ledgerRows(db)).map((r) => [r.event_id, r.event_type, r.points])).toEqual([
      ['T1', 'redeem', -30],
      ['T2', 'earn', 25],
    ]);
  });

  it('a YAML mapping works the same', async () => {
    const dir = tempDir();
    const file = writeTemp('x.csv', EXPORT.replace(',30,', ',-30,'), dir);
    const mapping = writeTemp(
      'm.yaml',
      'columns:\n  event_id: txn\n  occurred_at: when\n  account_id: member\n  points: amount_pts\n  event_type: what\nvalues:\n  event_type:\n    "兑换!": redeem\n    got: earn\n',
      dir,
    );
    const s = await importLedger(await memoryDb(), { file, mapping });
    expect(s.accepted).toBe(2);
  });

  it('a mapping naming a column that is not there names it and lists the columns that are', async () => {
    const dir = tempDir();
    const file = writeTemp('x.csv', EXPORT, dir);
    const mapping = writeTemp('m.json', JSON.stringify({ columns: { points: 'pts' } }), dir);
    await expect(importLedger(await memoryDb(), { file, mapping })).rejects.toThrow(
      /points comes from column "pts", but the file has no such column/,
    );
    const err = await importLedger(await memoryDb(), { file, mapping }).catch((e) => e);
    expect(err.hint).toBe('The file\'s columns are: "txn", "when", "member", "amount_pts", "what", "branch".');
  });

  it('a mapping naming an unknown canonical column or with bad shape is refused', async () => {
    const dir = tempDir();
    const file = writeTemp('x.csv', EXPORT, dir);
    await expect(
      importLedger(await memoryDb(), { file, mapping: writeTemp('a.json', '{"columns":{"pointz":"txn"}}', dir) }),
    ).rejects.toThrow(/"pointz", which is not a column/);
    await expect(
      importLedger(await memoryDb(), { file, mapping: writeTemp('b.json', '{"colums":{}}', dir) }),
    ).rejects.toThrow(/not valid/);
    await expect(importLedger(await memoryDb(), { file, mapping: writeTemp('c.json', '{oops', dir) })).rejects.toThrow(
      /not valid JSON/,
    );
  });

  it('an SQL mapping reads a nested NDJSON export', async () => {
    const dir = tempDir();
    const file = writeTemp(
      'n.ndjson',
      [
        '{"id":"a1","ts":"2026-05-01 09:00:00","who":{"emp":"E1","dept":"研发部"},"delta":{"value":12,"kind":"earn"}}',
        '{"id":"a2","ts":"2026-05-02 09:00:00","who":{"emp":"E2","dept":"销售部"},"delta":{"value":"oops","kind":"earn"}}',
      ].join('\n'),
      dir,
    );
    const mapping = writeTemp(
      'm.sql',
      `SELECT __line, doc->>'$.id' AS event_id, doc->>'$.ts' AS occurred_at, doc->>'$.who.emp' AS account_id,
      doc->>'$.delta.value' AS points, doc->>'$.delta.kind' AS event_type, doc->>'$.who.dept' AS department FROM raw`,
      dir,
    );
    const db = await memoryDb();
    const s = await importLedger(db, { file, mapping });
    expectReconciled(s);
    expect(s).toMatchObject({ accepted: 1, quarantined: 1 });
    expect(s.quarantine[0]).toMatchObject({ line: 2, reasons: ['points (column "points"): "oops" is not a number'] });
    expect((await ledgerRows(db))[0]).toMatchObject({
      event_id: 'a1',
      account_id: 'E1',
      points: 12,
      department: '研发部',
    });
  });

  it('an SQL mapping that fails says so with its file', async () => {
    const dir = tempDir();
    const file = writeTemp('x.csv', EXPORT, dir);
    await expect(
      importLedger(await memoryDb(), { file, mapping: writeTemp('m.sql', 'SELECT nope FROM raw', dir) }),
    ).rejects.toThrow(/m\.sql: the SQL mapping fails/);
  });
});
