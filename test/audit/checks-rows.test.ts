import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, insertRows, insertRule, openDb } from './fixture.ts';

/** Checks that compare rows exactly: self-approval, near duplicates, caps. Each: a flag, a near miss, the threshold. */
const P = { from: '2026-03-01', to: '2026-04-01' };

describe('row-level checks on hand-made ledgers', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it("self_approval flags approver = account, not a colleague's, and leaves only a batch run's ordinary share to the notes", async () => {
    const [own] = await insertRows(db, [
      { at: '2026-03-02 10:00:00', account: 'M1', points: 100, rule: 'R1', approver: 'M1' },
      { at: '2026-03-02 11:00:00', account: 'U1', points: 100, rule: 'R1', approver: 'M1' },
    ]);
    // Batch runs: B0 and D0 each sign a rule for 20 accounts at 09:00, themselves among them (batch_min_accounts
    // = 20). B0 is paid what the others got (its share of the run); D0 pays itself 10× that.
    const run = (approver: string, rule: string, own: number) =>
      Array.from({ length: 20 }, (_, i) => ({
        at: `2026-03-03 09:00:${String(i).padStart(2, '0')}`,
        account: i === 0 ? approver : `${approver}-${i}`,
        points: i === 0 ? own : 50,
        rule,
        approver,
      }));
    const batch = await insertRows(db, run('B0', 'R9', 50));
    const [d0] = await insertRows(db, run('D0', 'R8', 500));
    // E0 approves R1 for 25 accounts spread over the day and pays itself the usual 10 at 12:30: no run around it.
    await insertRows(
      db,
      Array.from({ length: 25 }, (_, i) => ({
        at: `2026-03-04 ${String(9 + (i % 8)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00`,
        account: `E0-${i}`,
        points: 10,
        rule: 'R1',
        approver: 'E0',
      })),
    );
    const [e0] = await insertRows(db, [
      { at: '2026-03-04 12:30:00', account: 'E0', points: 10, rule: 'R1', approver: 'E0' },
    ]);
    const r = await audit(db, { ...P, checks: ['self_approval'] });
    expect(r.flags.map((f) => [f.account_id, f.event_ids]).sort()).toEqual([
      ['D0', [d0]],
      ['E0', [e0]],
      ['M1', [own]],
    ]);
    expect(r.checks[0].notes.join()).toContain('1 self-approved row(s) of 1 account(s) inside batch runs');
    const s = defaultAuditSettings();
    s.self_approval.batch_min_accounts = 21; // 20 accounts are then no batch: B0 is flagged too
    const r2 = await audit(db, { ...P, checks: ['self_approval'], settings: s });
    expect(r2.flags.map((f) => f.account_id).sort()).toEqual(['B0', 'D0', 'E0', 'M1']);
    expect(r2.flags.find((f) => f.account_id === 'B0')?.event_ids).toEqual([batch[0]]);
    // A whole day as the window makes E0's spread-out approvals a run, and its ordinary row a share of it.
    s.self_approval.batch_min_accounts = 20;
    s.self_approval.batch_minutes = 1440;
    const r3 = await audit(db, { ...P, checks: ['self_approval'], settings: s });
    expect(r3.flags.map((f) => f.account_id).sort()).toEqual(['D0', 'M1']);
  });

  it("self_approval compares the approver's own total of a run with the others', so repeats inside it are flagged", async () => {
    // X signs R9 for 19 others at 50 and pays itself 5 rows of 50 within the same minutes: each row alone is the
    // usual 50, but X took 250 of a run that gave everyone else 50. Y signs R9 for 38 others one a minute and pays
    // itself at 09:12 and 09:25, each row in its own 10-minute window of the run: still twice what the others got. Z pays itself two rows of 25
    // in a run that gives everyone two rows of 25: the same total, its ordinary share.
    const run = (approver: string, at: (i: number) => string, n = 19, times = 1, points = 50) =>
      Array.from({ length: n * times }, (_, i) => ({
        at: at(i),
        account: `${approver}-${i % n}`,
        points,
        rule: 'R9',
        approver,
      }));
    const sec = (i: number) => String(i % 60).padStart(2, '0');
    await insertRows(
      db,
      run('X', (i) => `2026-03-03 09:00:${sec(i)}`),
    );
    const x = await insertRows(
      db,
      Array.from({ length: 5 }, (_, k) => ({
        at: `2026-03-03 09:0${k + 1}:00`,
        account: 'X',
        points: 50,
        rule: 'R9',
        approver: 'X',
      })),
    );
    await insertRows(
      db,
      run('Y', (i) => `2026-03-04 09:${String(i).padStart(2, '0')}:00`, 38),
    );
    const y = await insertRows(db, [
      { at: '2026-03-04 09:12:00', account: 'Y', points: 50, rule: 'R9', approver: 'Y' },
      { at: '2026-03-04 09:25:00', account: 'Y', points: 50, rule: 'R9', approver: 'Y' },
    ]);
    await insertRows(
      db,
      run('Z', (i) => `2026-03-05 09:0${Math.floor(i / 19)}:${sec(i)}`, 19, 2, 25),
    );
    await insertRows(db, [
      { at: '2026-03-05 09:00:30', account: 'Z', points: 25, rule: 'R9', approver: 'Z' },
      { at: '2026-03-05 09:01:30', account: 'Z', points: 25, rule: 'R9', approver: 'Z' },
    ]);
    const r = await audit(db, { ...P, checks: ['self_approval'] });
    expect(r.flags.map((f) => [f.account_id, f.event_ids]).sort()).toEqual([
      ['X', x],
      ['Y', y],
    ]);
    expect(r.checks[0].notes.join()).toContain('2 self-approved row(s) of 1 account(s) inside batch runs');
  });

  it('near_duplicate flags a repeat within 10 minutes, not one 11 minutes later or with other points', async () => {
    const ids = await insertRows(db, [
      { at: '2026-03-05 09:00:00', account: 'A', points: 80, rule: 'R7', approver: 'M' },
      { at: '2026-03-05 09:05:00', account: 'A', points: 80, rule: 'R7', approver: 'M' }, // 300 s later: flagged
      { at: '2026-03-06 09:00:00', account: 'B', points: 80, rule: 'R7', approver: 'M' },
      { at: '2026-03-06 09:11:00', account: 'B', points: 80, rule: 'R7', approver: 'M' }, // 660 s > 600 s: near miss
      { at: '2026-03-07 09:00:00', account: 'C', points: 80, rule: 'R7', approver: 'M' },
      { at: '2026-03-07 09:01:00', account: 'C', points: 90, rule: 'R7', approver: 'M' }, // other points: not a repeat
    ]);
    const r = await audit(db, { ...P, checks: ['near_duplicate'] });
    expect(r.flags).toHaveLength(1);
    expect(r.flags[0]).toMatchObject({
      account_id: 'A',
      value: 300,
      threshold: 600,
      event_ids: [ids[0], ids[1]],
      from: '2026-03-05',
      to: '2026-03-06',
    });
    const s = defaultAuditSettings();
    s.near_duplicate.window_minutes = 12;
    const r2 = await audit(db, { ...P, checks: ['near_duplicate'], settings: s });
    expect(r2.flags.map((f) => f.account_id)).toEqual(['A', 'B']);
  });

  it('cap_breach flags a rule-day above daily_cap, not one exactly at it; account and program caps from the config', async () => {
    await insertRule(db, 'R5', 60, 100);
    await insertRule(db, 'R6', 50, null);
    const ids = await insertRows(db, [
      { at: '2026-03-10 09:00:00', account: 'A', points: 60, rule: 'R5' },
      { at: '2026-03-10 15:00:00', account: 'A', points: 60, rule: 'R5' }, // 120 > 100: breach
      { at: '2026-03-11 09:00:00', account: 'B', points: 50, rule: 'R5' },
      { at: '2026-03-11 15:00:00', account: 'B', points: 50, rule: 'R5' }, // 100 = cap: no breach
      { at: '2026-03-12 09:00:00', account: 'C', points: 50, rule: 'R6' },
      { at: '2026-03-12 10:00:00', account: 'C', points: 50, rule: 'R6' }, // R6 has no cap
    ]);
    const r = await audit(db, { ...P, checks: ['cap_breach'] });
    expect(r.flags.map((f) => [f.account_id, f.rule_id, f.value, f.threshold, f.event_ids])).toEqual([
      ['A', 'R5', 120, 100, [ids[0], ids[1]]],
    ]);
    const { defaultConfig } = await import('../../src/config.ts');
    const config = { ...defaultConfig(), daily_cap_per_account: 100, daily_cap_program: 200 };
    const r2 = await audit(db, { ...P, checks: ['cap_breach'], config });
    // account cap 100: A (120) breaks it, B and C (100 each) do not; program cap 200: no day sums above 200 (120, 100, 100).
    expect(r2.flags.map((f) => `${f.threshold_name}:${f.account_id}`).sort()).toEqual([
      'daily cap per account:A',
      'rule daily cap:A',
    ]);
  });

  it('cap_clustering flags 3 days just below the cap (within 5 %), not days at the cap or further below', async () => {
    await insertRule(db, 'R1', 10, 100);
    const rows = [];
    for (const [acct, pts] of [
      ['A', 96],
      ['B', 94],
      ['C', 100],
    ] as const) {
      for (const d of ['2026-03-02', '2026-03-03', '2026-03-04'])
        rows.push({ at: `${d} 10:00:00`, account: acct, points: pts, rule: 'R1' });
    }
    await insertRows(db, rows);
    // band [95, 100): A's 96 is inside on 3 days; B's 94 is below it; C's 100 is at the cap.
    const r = await audit(db, { ...P, checks: ['cap_clustering'] });
    expect(r.flags.map((f) => [f.account_id, f.value])).toEqual([['A', 3]]);
    const s = defaultAuditSettings();
    s.cap_breach.near_min_days = 4;
    expect((await audit(db, { ...P, checks: ['cap_clustering'], settings: s })).flags).toHaveLength(0);
  });

  it('cap_clustering also reads the per-account daily cap: day totals over several rules just below it', async () => {
    // No rule has a cap; the program caps each account at 300 a day. A lands at 290–296 on three days (in
    // [285, 300)), B at 300 exactly (the cap, clamped: normal), C at 280 (further below).
    await insertRule(db, 'R1', 10, null);
    await insertRule(db, 'R2', 10, null);
    const rows = [];
    for (const [acct, a, b] of [
      ['A', 190, 100],
      ['B', 200, 100],
      ['C', 180, 100],
    ] as const) {
      for (const [i, d] of ['2026-03-02', '2026-03-03', '2026-03-04'].entries()) {
        rows.push({ at: `${d} 10:00:00`, account: acct, points: a + (acct === 'A' ? 2 * i : 0), rule: 'R1' });
        rows.push({ at: `${d} 15:00:00`, account: acct, points: b, rule: 'R2' });
      }
    }
    await insertRows(db, rows);
    const { defaultConfig } = await import('../../src/config.ts');
    const config = { ...defaultConfig(), daily_cap_per_account: 300 };
    const r = await audit(db, { ...P, checks: ['cap_clustering'], config });
    expect(r.flags.map((f) => [f.account_id, f.rule_id, f.value, f.reason_key])).toEqual([
      ['A', null, 3, 'cap_clustering_account'],
    ]);
    expect(r.flags[0].event_ids).toHaveLength(6);
    // Without the account cap nothing is near any cap.
    expect((await audit(db, { ...P, checks: ['cap_clustering'] })).flags).toHaveLength(0);
  });
});
