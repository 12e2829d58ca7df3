import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { openTestDb, runChecked } from './fixture.ts';

describe('queries/import_files.sql, ledger_row_count.sql, quarantine_import.sql and quarantine_rows.sql', () => {
  it("lists each imported file oldest first with its sha256, counts the ledger rows kept, and finds each import's quarantine", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-import-files-'));
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, 'event_id,occurred_at,account_id,points\ne1,2026-01-01,u,5\ne2,2026-01-02,u,x\n');
    writeFileSync(b, 'event_id,occurred_at,account_id,points\ne3,2026-01-03,v,7\n');
    const db = await openTestDb();
    expect(await runChecked(db, 'import_files')).toEqual([]);
    expect(await runChecked(db, 'ledger_row_count')).toEqual([{ rows: 0 }]);
    await importLedger(db, { file: a });
    await importLedger(db, { file: b });
    const hashes = (await runChecked(db, 'import_files')).map((r) => r.sha256);
    expect((await runChecked(db, 'import_files')).map((r) => r.kind)).toEqual(['ledger', 'ledger']);
    expect(hashes).toEqual([a, b].map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')));
    // e2's points are not a number: quarantined, not kept.
    expect(await runChecked(db, 'ledger_row_count')).toEqual([{ rows: 2 }]);
    expect(await runChecked(db, 'quarantine_import', { import_id: null })).toEqual([
      { import_id: 2, found: 1, total: 0 },
    ]);
    expect(await runChecked(db, 'quarantine_import', { import_id: 1 })).toEqual([{ import_id: 1, found: 1, total: 1 }]);
    expect(await runChecked(db, 'quarantine_import', { import_id: 9 })).toEqual([{ import_id: 9, found: 0, total: 0 }]);
    const [row] = await runChecked(db, 'quarantine_rows', { import_id: 1, limit: 10 });
    expect(row).toMatchObject({ import_id: 1, file_name: 'a.csv', line: 3 });
    expect(JSON.parse(row.raw as string)).toMatchObject({ event_id: 'e2', points: 'x' });
    expect(await runChecked(db, 'quarantine_rows', { import_id: 1, limit: 0 })).toEqual([]);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
