import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { audit, openDb } from './fixture.ts';

const P = { from: '2026-04-01', to: '2026-07-01', checks: ['off_hours_approval'] };
let seq = 0;

/**
 * `n` approvals by `approver` of `department`, one a day from `first` (day offset in the quarter) every `every` days
 * at `hhmm` (a few minutes apart from 09:00), on weekdays, every day or (`weekends: 'only'`) on weekends.
 */
async function approvals(
  db: Database,
  o: {
    approver: string;
    department: string;
    n: number;
    hhmm: string;
    every?: number;
    first?: number;
    weekends?: 'keep' | 'only';
  },
) {
  const base = seq;
  seq += o.n * 7;
  await sqlExec(
    db,
    `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, approver_id, department, import_id, source_line)
     SELECT 'p' || (${base} + i), t, 'U' || (i % 37), 10, 'earn', 'R1', $a, $d, 1, ${base} + i + 1
     FROM (SELECT i, TIMESTAMP '2026-04-01 ${o.hhmm}:00' + INTERVAL (${o.first ?? 0} + i * ${o.every ?? 1}) DAY
                  + INTERVAL (CASE WHEN $spread THEN i % 300 ELSE 0 END) MINUTE AS t FROM range(${o.n * 7}) r(i))
     WHERE CASE $weekends WHEN 'keep' THEN true WHEN 'only' THEN isodow(t) > 5 ELSE isodow(t) <= 5 END
       AND t < TIMESTAMP '2026-07-01'
     LIMIT ${o.n}`,
    { a: o.approver, d: o.department, spread: o.hhmm === '09:00', weekends: o.weekends ?? 'skip' },
  );
}

/** Daytime approvals on weekdays: 09:00 plus a few minutes each, `perDay` a day over the quarter. */
async function daytime(db: Database, approver: string, department: string, perDay: number) {
  for (let j = 0; j < perDay; j++)
    await approvals(db, { approver, department, n: 64, hhmm: '09:00', first: 0, every: 1 });
}

/**
 * The peer baseline (approvers of the same department) is the department's share shrunk toward the program's by one
 * pseudo-peer at the program's share with a typical peer's approvals: a habit of the department counts in proportion
 * to how many peers show it. Before, the peers' share was their pool with one pseudo-approval each way: an approver
 * alone in their department was judged against 50 % (never flagged), a quiet peer's prior outweighed the program's
 * evidence, and one offending peer set the baseline of the other.
 */
describe('off_hours_approval: the peer baseline', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
    for (const a of ['O1', 'O2', 'O3']) await daytime(db, a, 'Ops', 5);
  });
  afterEach(() => db.close());

  it('flags an approver alone in their department against the program, as it does with a quiet peer', async () => {
    await daytime(db, 'S1', 'Solo', 3);
    await approvals(db, { approver: 'S1', department: 'Solo', n: 25, hhmm: '02:15', every: 3, weekends: 'keep' });
    const alone = await audit(db, P);
    expect(alone.flags.map((f) => [f.account_id, f.reason_key])).toEqual([['S1', 'off_hours_night_hour']]);
    await daytime(db, 'S2', 'Solo', 3);
    const paired = await audit(db, P);
    expect(paired.flags.map((f) => [f.account_id, f.reason_key])).toEqual([['S1', 'off_hours_night_hour']]);
    // Alone, the peers' share is the program's (no pseudo-approval at 50 %).
    expect(alone.flags[0].reason_vars?.peers).toBe(alone.flags[0].reason_vars?.program);
  });

  // A peer's habit counts by the peer's own share (the pool of peers with a weak prior at the program's share): a
  // peer's rest days hide another's only as far as they are in line. 20 weekend approvals of 276 beside a peer's 6 of
  // 262 (the red team's rest_day_peer) are about 3× the peer's share but not beyond chance at the check's multiple-
  // testing bar, and are not flagged; beside a peer's one a month they are.
  it("flags 20 rest-day approvals next to a peer's one a month (a peer's few do not make a weekend team)", async () => {
    for (const a of ['L1', 'L2']) await daytime(db, a, 'Legal', 4);
    await approvals(db, { approver: 'L1', department: 'Legal', n: 20, hhmm: '11:00', first: 3, weekends: 'only' });
    await approvals(db, {
      approver: 'L2',
      department: 'Legal',
      n: 3,
      hhmm: '11:00',
      first: 10,
      every: 28,
      weekends: 'only',
    });
    const r = await audit(db, P);
    expect(r.flags.map((f) => [f.account_id, f.reason_key, f.value])).toEqual([['L1', 'off_hours_rest_day', 20]]);
  });

  it('flags two night approvals a month when nobody else approves at night (a steady few add up)', async () => {
    for (const a of ['Q1', 'Q2']) await daytime(db, a, 'Sales', 5);
    await approvals(db, {
      approver: 'Q2',
      department: 'Sales',
      n: 6,
      hhmm: '02:10',
      first: 5,
      every: 15,
      weekends: 'keep',
    });
    const r = await audit(db, P);
    expect(r.flags.map((f) => [f.account_id, f.value])).toEqual([['Q2', 6]]);
  });

  it('leaves a two-person weekend desk alone: both share the habit, so each is in line with their peer', async () => {
    for (const a of ['W1', 'W2']) {
      await daytime(db, a, 'Desk', 4);
      for (let j = 0; j < 8; j++)
        await approvals(db, { approver: a, department: 'Desk', n: 26, hhmm: `1${j}:00`, weekends: 'only' });
    }
    const r = await audit(db, P);
    expect(r.flags.map((f) => [f.account_id, f.reason_key])).toEqual([]);
  });
});
