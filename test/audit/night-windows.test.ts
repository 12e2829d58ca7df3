import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, openDb } from './fixture.ts';
import { steadyNightLedger } from './unseen-fixtures.ts';

/**
 * A steady low-rate night approver (issue 13's third class, as the ×1000 office shape's missed medium case): three
 * a month between 23:00 and 04:00, hours taking turns, in a program whose late batch jobs at 20:30 make night rows
 * common. Hour by hour (about 7 each over the year), month by month (3) and against the whole night class (33 more
 * among ~230) no test was below its Bonferroni threshold: the evidence was split across five hours. A run of night
 * hours (23:00–04:00) judged as one, against the rest of the program's share in those hours, holds all of it.
 */
describe('off_hours_approval: a steady night approver whose signatures spread over several night hours', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await steadyNightLedger(db);
  });
  afterAll(() => db.close());

  it('flags AP07 over the year for the hours 23:00–04:00, and no other approver', async () => {
    const r = await audit(db, { from: '2025-01-01', to: '2026-01-01', checks: ['off_hours_approval'] });
    expect(r.flags.map((f) => f.account_id)).toEqual(['AP07']);
    expect(r.flags[0].reason_vars).toMatchObject({
      hour: '23:00',
      hour_end: '04:00',
      window: expect.stringMatching(/–/),
    });
    expect(r.flags[0].value).toBeGreaterThanOrEqual(33);
  });
});
