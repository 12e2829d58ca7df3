import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, openDb } from './fixture.ts';
import { FARMERS, farmingLedger, misconfiguredRuleLedger, nightApprovalsLedger } from './unseen-fixtures.ts';

/**
 * The three failure classes of issue 13, each a small hand-written ledger (unseen-fixtures.ts). Each test failed on
 * the checks before the issue (0 flags, or no such check) and passes after.
 */

describe("farming bursts: 25 awards of one base rule within 25 minutes, below the busiest accounts' days", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await farmingLedger(db);
  });
  afterAll(() => db.close());
  it('flags each of the 12 farmers on that day and no one else, naming the burst', async () => {
    const r = await audit(db, { from: '2026-04-01', to: '2026-05-01', checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from]).sort()).toEqual(FARMERS.map((a) => [a, '2026-04-15']));
    for (const f of r.flags) {
      expect(f.event_count).toBeGreaterThanOrEqual(25);
      expect(f.explanation).toMatch(
        /2[56] awards of B1, 2[45] of them within 2[34] min, where an account gets at most 1 a day/,
      );
    }
  });
});

describe('a misconfigured rule: 20× its usual total while the program total rises 1.7×', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await misconfiguredRuleLedger(db);
  });
  afterAll(() => db.close());
  it('flags the rule on that day with its usual and actual value, and nothing else', async () => {
    const r = await audit(db, { from: '2026-04-01', to: '2026-05-01', checks: ['program_spike', 'rule_spike'] });
    // The rule, with its usual and actual value; and the day's total (1.67×, under the 3× minimum), flagged because
    // the anomalous rule drives it.
    expect(r.flags.map((f) => [f.check, f.from, f.rule_id, f.value, f.baseline])).toEqual([
      ['program_spike', '2026-04-15', 'RX', 5200, 3110],
      ['rule_spike', '2026-04-15', 'RX', 2200, 110],
    ]);
    const rule = r.flags[1];
    expect(rule.explanation).toMatch(/RX paid 2200 points on 2026-04-15 against 110 usual/);
    expect(rule.explanation).toMatch(/program total 5200 against 3110/);
    expect(rule.event_count).toBe(22);
  });
});

describe('night approvals: 40 over a year, 3–4 a month, where no other approver signs at night', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await nightApprovalsLedger(db);
  });
  afterAll(() => db.close());
  it('flags AP07 over the year, and in a single quarter too, and no weekend approver', async () => {
    const year = await audit(db, { from: '2026-01-01', to: '2027-01-01', checks: ['off_hours_approval'] });
    expect(year.flags.map((f) => f.account_id)).toEqual(['AP07']);
    expect(year.flags[0].value).toBe(40);
    expect(year.flags[0].event_count).toBe(40);
    expect(year.flags[0].explanation).toMatch(/at night/);
    const quarter = await audit(db, { from: '2026-04-01', to: '2026-07-01', checks: ['off_hours_approval'] });
    expect(quarter.flags.map((f) => f.account_id)).toEqual(['AP07']);
  });
});
