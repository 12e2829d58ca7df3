import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { csv, expectReconciled, ledgerRows, memoryDb, tempDir, writeTemp } from './helpers.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'ledger-lens.js');

describe('edge cases found in review', () => {
  it('a value map must map to one of the six event types', async () => {
    const dir = tempDir();
    const file = writeTemp('v.csv', 'id,time,user,pts,kind\n1,2026-01-01,u,-5,积分兑换\n', dir);
    const bad = writeTemp(
      'm.json',
      JSON.stringify({
        columns: { event_id: 'id', occurred_at: 'time', account_id: 'user', points: 'pts', event_type: 'kind' },
        values: { event_type: { 积分兑换: 'bonus' } },
      }),
      dir,
    );
    await expect(importLedger(await memoryDb(), { file, mapping: bad })).rejects.toThrow(
      /maps "积分兑换" to "bonus", which is not an event type/,
    );
    const good = writeTemp(
      'g.json',
      JSON.stringify({
        columns: { event_id: 'id', occurred_at: 'time', account_id: 'user', points: 'pts', event_type: 'kind' },
        values: { event_type: { 积分兑换: ' Redeem ' } },
      }),
      dir,
    );
    const db = await memoryDb();
    expect((await importLedger(db, { file, mapping: good })).accepted).toBe(1);
    expect((await ledgerRows(db))[0].event_type).toBe('redeem');
    const other = writeTemp('o.json', JSON.stringify({ values: { variant: { 对照: 'A' } } }), dir);
    await expect(importLedger(await memoryDb(), { file, mapping: other })).rejects.toThrow(
      /value maps are read for event_type only/,
    );
  });

  it('a re-imported row with another approver or variant is a conflict, not a duplicate', async () => {
    const db = await memoryDb();
    const head = 'event_id,occurred_at,account_id,points,event_type,approver_id,variant\n';
    await importLedger(db, { file: writeTemp('a.csv', `${head}e1,2026-01-01,u,5,earn,boss,A\n`) });
    const s = await importLedger(db, { file: writeTemp('b.csv', `${head}e1,2026-01-01,u,5,earn,u,B\n`) });
    expectReconciled(s);
    expect(s).toMatchObject({ duplicates: 0, quarantined: 1 });
    expect(s.quarantine[0].reasons[0]).toMatch(/was imported before \(import 1, line 2\) with different values/);
  });

  it('an SQL mapping failing on the data is a mapping error (exit 2), and nothing is written', async () => {
    const dir = tempDir();
    const file = writeTemp('c.csv', csv('e1,2026-01-01,u1,x,earn,R,d'), dir);
    const mapping = writeTemp(
      'cast.sql',
      'SELECT __line, event_id, occurred_at, account_id, points::INTEGER AS points, event_type FROM raw',
      dir,
    );
    const db = await memoryDb();
    const err = await importLedger(db, { file, mapping }).catch((e) => e);
    expect(err).toMatchObject({ name: 'UserError', code: 'mapping_sql_failed', exitCode: 2 });
    expect(err.message).toMatch(/cast\.sql: the SQL mapping fails on the data/);
    const [{ n }] = await sqlRows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM imports');
    expect(n).toBe(0);
  });

  it('--encoding gbk on a UTF-8 file is refused instead of garbling it', async () => {
    const file = writeTemp('u.csv', 'event_id,occurred_at,account_id,points\ne1,2026-01-01,张三,5\n');
    await expect(importLedger(await memoryDb(), { file, encoding: 'gbk' })).rejects.toThrow(
      /--encoding gbk was given, but the file is valid UTF-8/,
    );
  });

  it('Parquet floats lose their binary artefacts; a JSON array and "1_000" are refused', async () => {
    const dir = tempDir();
    const db = await memoryDb();
    const pq = join(dir, 'f.parquet');
    await sqlExec(
      db,
      `COPY (SELECT 'e1' AS event_id, TIMESTAMP '2026-01-01 09:00' AS occurred_at, 'u' AS account_id, 0.1 * 3 AS points, 'earn' AS event_type) TO '${pq}' (FORMAT parquet)`,
    );
    const s = await importLedger(db, { file: pq });
    expect(s.accepted).toBe(1);
    expect((await ledgerRows(db))[0].points).toBe(0.3);
    await expect(
      importLedger(await memoryDb(), { file: writeTemp('a.json', '[\n {"id": 1}\n]\n', dir) }),
    ).rejects.toThrow(/this is a JSON array/);
    const u = await importLedger(await memoryDb(), {
      file: writeTemp('u.csv', csv('e1,2026-01-01,u1,1_000,earn,R,d'), dir),
    });
    expect(u.quarantine[0].reasons[0]).toBe('points (column "points"): "1_000" is not a number');
  });

  it('import with a roster that cannot be read stops before the ledger is committed', () => {
    const dir = tempDir();
    const db = join(dir, 'l.duckdb');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'import',
        writeTemp('l.csv', csv('e1,2026-01-01,u1,5,earn,R,d'), dir),
        '--accounts',
        writeTemp('acc.csv', 'name,dept\nx,y\n', dir),
        '--db',
        db,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/acc\.csv: no column for account_id/);
    expect(r.stderr).not.toMatch(/--mapping/);
    const again = spawnSync(process.execPath, [BIN, 'import', join(dir, 'l.csv'), '--db', db, '--json'], {
      encoding: 'utf8',
    });
    // Had the first run committed the ledger, this would count a duplicate.
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 1, duplicates: 0 });
  });
});

describe('line numbers when records span lines and the reader rejects rows', () => {
  it('every row, accepted or quarantined, keeps its physical start line', async () => {
    const db = await memoryDb();
    const text = [
      'event_id,occurred_at,account_id,points,event_type,rule_id,department',
      'e1,2026-01-01,u1,1,earn,R,"multi',
      'line"', // 2–3
      'e2,2026-01-01,u1,x,earn,R,d', // 4: bad points
      'e3,2026-01-01,u1', // 5: ragged
      '', // 6: blank
      'e4,2026-01-01,u1,4,earn,R,"again',
      'two lines"', // 7–8
      'e5,2026-01-01,u1,y,earn,R,d', // 9: bad points
      'e6,2026-01-01,u1,6,earn,R,d', // 10
    ].join('\r\n');
    const s = await importLedger(db, { file: writeTemp('c.csv', text) });
    expectReconciled(s);
    expect(s.quarantine.map((q) => q.line)).toEqual([4, 5, 9]);
    expect((await ledgerRows(db)).map((r) => [r.event_id, r.line])).toEqual([
      ['e1', 2],
      ['e4', 7],
      ['e6', 10],
    ]);
  });
});

describe('quarantined repeats show their source values', () => {
  it('a conflicting re-import and a second copy within a file keep the raw text', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: writeTemp('a.csv', csv('e1,2026-01-01 09:00,u1,5,earn,R,d')) });
    const s = await importLedger(db, {
      file: writeTemp(
        'b.csv',
        csv('e1,2026-01-01 09:00,u1,6,earn,R,d', 'e2,2026/01/02,u2,"1,000",earn,R,d', 'e2,2026/01/02,u2,7,earn,R,d'),
      ),
    });
    expectReconciled(s);
    expect(s.quarantine.map((q) => [q.line, q.raw.points, q.raw.occurred_at])).toEqual([
      [2, '6', '2026-01-01 09:00'],
      [4, '7', '2026/01/02'],
    ]);
  });
});
