import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { openTestDb, runChecked } from './fixture.ts';
import { programDb } from './program-fixture.ts';

describe('queries/database_totals.sql', () => {
  it('counts the fixture program by hand', async () => {
    const db = await programDb();
    expect(await runChecked(db, 'database_totals')).toEqual([
      {
        rows: 17,
        accounts: 6, // a, b, c, d, e, f
        first: '2025-09-10 09:00:00',
        last: '2026-04-01 00:00:00',
        issued: 1789, // earn rows: 100 + 50 + 200 + 40 + 300 + 100 + 999
        // every row: 100+50+200−30+40−10+300+100−150+20−5−25+25−40−50−20+999
        outstanding: 1504,
        rejects: 0,
      },
    ]);
    db.close();
  });

  it('an empty database has zero sums and no span', async () => {
    const db = await openTestDb();
    expect(await runChecked(db, 'database_totals')).toEqual([
      { rows: 0, accounts: 0, first: null, last: null, issued: 0, outstanding: 0, rejects: 0 },
    ]);
    db.close();
  });
});

describe('queries/import_history.sql', () => {
  it('lists imports newest first with counts that reconcile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-history-'));
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'event_id,occurred_at,account_id,points\ne1,2026-01-01,u,5\ne2,2026-01-01,u,x\n');
    const db = await openTestDb();
    await importLedger(db, { file });
    await importLedger(db, { file });
    const rows = await runChecked(db, 'import_history');
    expect(rows.map((r) => [r.import_id, r.file_name, r.rows_read, r.accepted, r.quarantined, r.duplicates])).toEqual([
      [2, 'a.csv', 2, 0, 1, 1],
      [1, 'a.csv', 2, 1, 1, 0],
    ]);
    expect(rows[0]).toMatchObject({ kind: 'ledger', format: 'csv', encoding: 'utf-8' });
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
