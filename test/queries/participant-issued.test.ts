import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { runChecked } from './fixture.ts';
import { P, programDbWithRoster } from './program-fixture.ts';

describe('queries/participant_issued.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDbWithRoster();
  });
  afterAll(() => db.close());

  it('lists the population, ascending by issued then account', async () => {
    const rows = await runChecked(db, 'participant_issued', P);
    // See programDbWithRoster: g (joins at `to`), h (left before P) and f (unlisted, inactive) are out.
    expect(rows).toEqual([
      { account_id: 'c', issued: 0, on_roster: true },
      { account_id: 'd', issued: 0, on_roster: false },
      { account_id: 'e', issued: 0, on_roster: false },
      { account_id: 'i', issued: 0, on_roster: true },
      { account_id: 'b', issued: 100, on_roster: true },
      { account_id: 'a', issued: 300, on_roster: true },
    ]);
  });

  it('a roster account that left before the period is out even if it has rows in it', async () => {
    // h left 2025-12-31; from 2026-01-01 it is not eligible, and being on the roster it is not "unlisted" either.
    const rows = await runChecked(db, 'participant_issued', { from: '2025-12-31', to: '2026-01-01' });
    expect(rows.map((r) => r.account_id)).toContain('h');
    const later = await runChecked(db, 'participant_issued', P);
    expect(later.map((r) => r.account_id)).not.toContain('h');
  });
});
