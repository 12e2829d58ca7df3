import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { audit, day, insertRows, openDb, type Row } from './fixture.ts';

/**
 * A night-shift factory: `work_hours` 20:00–06:00, Mon–Sat. Before, a window whose end is before its start was read
 * as empty, so every approval was a night approval and rest days were never judged. A shift belongs to the day it
 * starts on: Saturday 20:00 – Sunday 06:00 is Saturday's shift (a working day), Sunday 20:00 – Monday 06:00 is
 * Sunday's (a rest day).
 */
describe('off_hours_approval: working hours that wrap past midnight', () => {
  let db: Database;
  const config = { ...defaultConfig(), work_hours: { start: '20:00', end: '06:00', days: [1, 2, 3, 4, 5, 6] } };
  const P = { from: '2026-03-01', to: '2026-04-01', checks: ['off_hours_approval'], config };
  beforeAll(async () => {
    db = await openDb();
    const rows: Row[] = [];
    const sign = (at: string, approver: string, i: number) =>
      rows.push({ at, account: `U${approver}${i}`, points: 10, rule: 'R1', approver, department: 'Shift' });
    // Every approver signs at 22:00 and at 02:00 of each Mon–Sat shift (March 2026 starts on a Sunday).
    for (let i = 0; i < 30; i++) {
      const d = day('2026-03-01', i);
      if (new Date(d).getUTCDay() === 0) continue;
      for (const a of ['S1', 'S2', 'S3', 'S4', 'X', 'D']) {
        sign(`${d} 22:00:00`, a, i);
        sign(`${day(d, 1)} 02:00:00`, a, i + 100);
      }
    }
    // X also works the five Sunday shifts: 22:00, 23:30 and 03:00 the next morning.
    for (const d of ['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-22', '2026-03-29'])
      for (const [j, at] of [`${d} 22:00:00`, `${d} 23:30:00`, `${day(d, 1)} 03:00:00`].entries())
        sign(at, 'X', 200 + rows.length + j);
    // D signs ten awards at noon on weekdays: outside the shift.
    for (let i = 0; i < 10; i++) sign(`${day('2026-03-02', i)} 12:00:00`, 'D', 300 + i);
    await insertRows(db, rows);
    await rebuildRollups(db);
  });
  afterAll(() => db.close());

  for (const raw of [true, false])
    it(`flags X's Sunday shifts as rest-day work and D's noon signatures as off-hours (${raw ? 'rows' : 'rollups'})`, async () => {
      const r = await audit(db, { ...P, raw });
      const got = r.flags.map((f) => [f.account_id, f.reason_key, f.value, f.event_count]);
      expect(got.sort()).toEqual([
        ['D', 'off_hours_night_hour', 10, 10],
        ['X', 'off_hours_rest_day', 15, 15],
      ]);
      const d = r.flags.find((f) => f.account_id === 'D')!;
      expect(d.reason_vars).toMatchObject({ hour: '12:00', hour_end: '13:00' });
    });
});
