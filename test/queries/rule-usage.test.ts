import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { runChecked } from './fixture.ts';
import { P, programDbWithRoster } from './program-fixture.ts';

describe('queries/rule_usage.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDbWithRoster();
  });
  afterAll(() => db.close());

  it('counts each rule in P and lists the rules nobody used', async () => {
    const rows = await runChecked(db, 'rule_usage', P);
    expect(rows).toEqual([
      // rows with a rule in P: 7 (R1, a, +300), 8 (R2, b, +100), 9 (GIFT1, a, −150: a reward item, not in the table)
      { rule_id: 'GIFT1', name: null, tier: null, in_catalog: false, rows: 1, accounts: 1, points: -150, used: true },
      {
        rule_id: 'R1',
        name: 'Task done',
        tier: 'base',
        in_catalog: true,
        rows: 1,
        accounts: 1,
        points: 300,
        used: true,
      },
      {
        rule_id: 'R2',
        name: 'Stretch goal',
        tier: 'challenge',
        in_catalog: true,
        rows: 1,
        accounts: 1,
        points: 100,
        used: true,
      },
      { rule_id: 'R3', name: 'Award', tier: 'reward', in_catalog: true, rows: 0, accounts: 0, points: 0, used: false }, // used in 2025Q4 only
      {
        rule_id: 'R4',
        name: 'Never used',
        tier: 'base',
        in_catalog: true,
        rows: 0,
        accounts: 0,
        points: 0,
        used: false,
      },
    ]);
  });
});
