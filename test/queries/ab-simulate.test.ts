import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { loadAssignments } from '../../src/experiments/load.ts';
import { insertLedger, insertRules, runChecked } from './fixture.ts';
import { PERIOD, simulateDb } from '../simulate/fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

// The ledger of test/simulate/fixture.ts (a: 380, b: 30, c: 200 issued in [01-01, 01-03)), with a and b tagged as
// arms A and B of experiment X on their first row, and a rules table that lists R1 and an unused R3.
describe('queries of ab and simulate', () => {
  let db: Database;
  beforeAll(async () => {
    db = await simulateDb();
    await sqlExec(db, `UPDATE ledger SET experiment_id = 'X', variant = 'A' WHERE event_id = 'a1'`);
    await sqlExec(db, `UPDATE ledger SET experiment_id = 'X', variant = 'B' WHERE event_id = 'b1'`);
    await insertRules(db, [
      { rule: 'R1', name: 'tasks' },
      { rule: 'R3', name: 'unused' },
    ]);
    await loadAssignments(db);
  });
  afterAll(() => db.close());

  it('ab_experiments lists the tagged experiment with its variants and span', async () => {
    expect(await runChecked(db, 'ab_experiments')).toEqual([
      {
        experiment_id: 'X',
        variants: ['A', 'B'],
        accounts: 2,
        rows: 2,
        first_day: '2026-01-01',
        last_day: '2026-01-01',
      },
    ]);
  });

  it('ab_accounts gives each tagged account its window and pre-period metrics', async () => {
    const rows = await runChecked(db, 'ab_accounts', {
      experiment: 'X',
      ...PERIOD,
      pre_from: '2025-12-30',
      rule: 'R1',
    });
    // a: R1 in the window 100 + 150 + 80 = 330, all rules 380, active on 01-01 and 01-02, last 30 days of the window
    //    (which is shorter than 30 days) active; nothing in the pre-period [12-30, 01-01).
    // b: no R1 row (0), all rules 30, redeemed 20, one active day.
    expect(rows).toEqual([
      {
        account_id: 'a',
        variant: 'A',
        variants: 1,
        issued: 330,
        issued_all: 380,
        redeemed: 0,
        active_days: 2,
        retained: 1,
        issued_pre: 0,
        active_pre: false,
      },
      {
        account_id: 'b',
        variant: 'B',
        variants: 1,
        issued: 0,
        issued_all: 30,
        redeemed: 20,
        active_days: 1,
        retained: 1,
        issued_pre: 0,
        active_pre: false,
      },
    ]);
  });

  it('ab_accounts takes arms from the assignment table when it lists the experiment, zeros for the inactive', async () => {
    await sqlExec(db, `INSERT INTO ab_assignments VALUES ('c', 'X', 'B'), ('z', 'X', 'A')`);
    const rows = await runChecked(db, 'ab_accounts', {
      experiment: 'X',
      ...PERIOD,
      pre_from: '2025-12-30',
      rule: null,
    });
    // c: 200 in the window and 500 on 12-31 in the pre-period; z: assigned, never active.
    expect(rows.map((r) => [r.account_id, r.variant, r.issued, r.issued_pre, r.active_pre])).toEqual([
      ['z', 'A', 0, 0, false],
      ['c', 'B', 200, 500, true],
    ]);
    await sqlExec(db, 'DELETE FROM ab_assignments');
  });

  it('ab_accounts keeps an account tagged with two variants in the arm of its earliest row and counts them', async () => {
    await sqlExec(db, `UPDATE ledger SET experiment_id = 'X', variant = 'B' WHERE event_id = 'a4'`);
    const rows = await runChecked(db, 'ab_accounts', {
      experiment: 'X',
      ...PERIOD,
      pre_from: '2025-12-30',
      rule: null,
    });
    expect(rows.find((r) => r.account_id === 'a')).toMatchObject({ variant: 'A', variants: 2 });
    await sqlExec(db, `UPDATE ledger SET experiment_id = NULL, variant = NULL WHERE event_id = 'a4'`);
  });

  it('ab_changed_rules names the rule the arms are paid differently on, and none when they are paid alike', async () => {
    expect(await runChecked(db, 'ab_changed_rules', { experiment: 'X', ...PERIOD })).toEqual([]); // fewer than 5 rows per arm
    // Six R9 rows per arm: A paid 100, B paid 115; six R8 rows per arm paid 50 in both.
    const rows = (['a', 'b'] as const).flatMap((account) =>
      Array.from({ length: 6 }, (_, i) => [
        {
          id: `x-${account}-${i}`,
          at: '2026-01-01 10:00:00',
          account,
          points: account === 'a' ? 100 : 115,
          type: 'earn' as const,
          rule: 'R9',
        },
        { id: `y-${account}-${i}`, at: '2026-01-01 11:00:00', account, points: 50, type: 'earn' as const, rule: 'R8' },
      ]).flat(),
    );
    await insertLedger(db, rows);
    expect(await runChecked(db, 'ab_changed_rules', { experiment: 'X', ...PERIOD })).toEqual([
      { rule_id: 'R9', arms: 2, least_paid: 100, most_paid: 115 },
    ]);
    await sqlExec(db, `DELETE FROM ledger WHERE event_id LIKE 'x-%' OR event_id LIKE 'y-%'`);
  });

  it('simulate_accounts replays a cap and keeps the population flag', async () => {
    const rows = await runChecked(db, 'simulate_accounts', { ...PERIOD, rule: null, cap: 200, multiplier: null });
    expect(rows).toEqual([
      { account_id: 'a', actual: 380, simulated: 280, rows_changed: 2, in_population: true, on_roster: false },
      { account_id: 'b', actual: 30, simulated: 30, rows_changed: 0, in_population: true, on_roster: false },
      { account_id: 'c', actual: 200, simulated: 200, rows_changed: 0, in_population: true, on_roster: false },
    ]);
  });

  it('simulate_rules lists the rules table and every rule on an earn row', async () => {
    expect(await runChecked(db, 'simulate_rules')).toEqual([
      { rule_id: 'R1', name: 'tasks', earn_rows: 5 }, // a1, a2, a4, c0, c1
      { rule_id: 'R2', name: null, earn_rows: 2 },
      { rule_id: 'R3', name: 'unused', earn_rows: 0 },
    ]);
  });
});
