import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { audit, insertRows, openDb } from './fixture.ts';
import { weekdaySigner } from './two-offenders-ledger.ts';
import { HOSPITAL_CONFIG, HOSPITAL_QUARTER, HOSPITAL_ROSTER, hospitalRows } from './hospital-ledger.ts';

/** Roster lines [account, department, role]. */
async function insertRoster(db: Database, roster: [string, string, string][]) {
  for (const [i, [a, d, r]] of roster.entries())
    await sqlExec(db, `INSERT INTO accounts VALUES ($a, NULL, NULL, MAP {'department': $d, 'role': $r}, 2, ${i + 1})`, {
      a,
      d,
      r,
    });
}

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
    await insertRoster(db, HOSPITAL_ROSTER);
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

  // Review: two supervisors in different departments, each signing 20 of 150 at 02:00 where no one else signs at
  // night. With the role as the whole baseline, each was judged by the other's habit alone and neither was flagged.
  it('a role of two is no pool: each of two night-signing supervisors is judged by the program', async () => {
    await db.close();
    db = await openDb();
    const { days, rows, add } = weekdaySigner();
    const roster: [string, string, string][] = [
      ...['M1', 'M2', 'M3', 'M4', 'M5', 'M6'].map((m, j): [string, string, string] => [
        m,
        ['Sales', 'Ops', 'Finance'][j % 3],
        'manager',
      ]),
      ['S1', 'Sales', 'supervisor'],
      ['S2', 'Ops', 'supervisor'],
    ];
    for (const [m, dep] of roster)
      for (let i = 0; i < 130; i++) add(m, days[i % days.length], i % 2 ? 10 : 14, (i * 7) % 60, dep);
    for (const [m, dep] of [
      ['S1', 'Sales'],
      ['S2', 'Ops'],
    ])
      for (let i = 0; i < 20; i++) add(m, days[(i * 3) % days.length], 2, 5 + i, dep);
    await insertRows(db, rows);
    await insertRoster(db, roster);
    const r = await audit(db, { ...HOSPITAL_QUARTER, checks: ['off_hours_approval'], config: HOSPITAL_CONFIG });
    expect(r.flags.map((f) => f.account_id).sort()).toEqual(['S1', 'S2']);
  });
});
