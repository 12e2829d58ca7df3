import { describe, expect, it } from 'vitest';
import { openTestDb, runChecked } from './fixture.ts';
import { programDb } from './program-fixture.ts';

describe('queries/data_range.sql', () => {
  it('gives the row count and the first and last instants', async () => {
    const db = await programDb();
    expect(await runChecked(db, 'data_range')).toEqual([
      { rows: 17, first_at: '2025-09-10 09:00:00', last_at: '2026-04-01 00:00:00' },
    ]);
    db.close();
  });

  it('an empty ledger has no span', async () => {
    const db = await openTestDb();
    expect(await runChecked(db, 'data_range')).toEqual([{ rows: 0, first_at: null, last_at: null }]);
    db.close();
  });
});
