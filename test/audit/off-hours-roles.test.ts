import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { audit, insertRows, openDb } from './fixture.ts';
import { HOSPITAL_CONFIG, HOSPITAL_QUARTER, HOSPITAL_ROSTER, hospitalRows } from './hospital-ledger.ts';

/**
 * A 24/7 hospital: each ward has a day and a night head nurse, the roster names their roles. Peers by ward alone put
 * one night signer beside one day signer: every night head nurse was flagged against the program, and a day head
 * nurse signing at 02:00 was hidden by the program's night share (28 % in red team A's hospital).
 */
describe('off_hours_approval: peers by role where the roster names one', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
    await insertRows(db, hospitalRows());
  });
  afterEach(() => db.close());

  it('judges night head nurses by each other and flags the day head nurse signing at 02:00', async () => {
    for (const [i, [a, d, r]] of HOSPITAL_ROSTER.entries())
      await sqlExec(
        db,
        `INSERT INTO accounts VALUES ($a, NULL, NULL, MAP {'department': $d, 'role': $r}, 2, ${i + 1})`,
        {
          a,
          d,
          r,
        },
      );
    const r = await audit(db, { ...HOSPITAL_QUARTER, checks: ['off_hours_approval'], config: HOSPITAL_CONFIG });
    expect(r.flags.map((f) => f.account_id)).toEqual(['Ward-0-DAY']);
  });

  it('without roles judges by ward: every night head nurse stands out from their ward', async () => {
    const r = await audit(db, { ...HOSPITAL_QUARTER, checks: ['off_hours_approval'], config: HOSPITAL_CONFIG });
    expect(r.flags.map((f) => f.account_id).sort()).toEqual([
      'Ward-0-DAY',
      'Ward-0-NIGHT',
      'Ward-1-NIGHT',
      'Ward-2-NIGHT',
      'Ward-3-NIGHT',
    ]);
  });
});
