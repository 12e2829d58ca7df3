import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertLedger, insertRules, near, runChecked } from './fixture.ts';
import { P, programDbWithRoster } from './program-fixture.ts';

const targets = { target_base: 0.7, target_challenge: 0.2, target_reward: 0.1 };

describe('queries/tier_mix.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDbWithRoster();
  });
  afterAll(() => db.close());

  it('shares of issued points by rule tier against the target; unused tiers show 0', async () => {
    const rows = await runChecked(db, 'tier_mix', { ...P, ...targets });
    // Earn rows in P: 7 (R1 base, 300), 8 (R2 challenge, 100). R3's only earning was in 2025Q4.
    expect(rows).toEqual([
      { tier: 'base', issued: 300, share: 300 / 400, target: 0.7 },
      { tier: 'challenge', issued: 100, share: 100 / 400, target: 0.2 },
      { tier: 'reward', issued: 0, share: 0, target: 0.1 },
    ]);
  });

  it('adds other tiers and "unassigned" for points without a rule or without a tier', async () => {
    await insertRules(db, [{ rule: 'R5', tier: 'bonus' }]);
    await insertLedger(db, [
      { at: '2026-03-02 10:00:00', account: 'a', points: 60, type: 'earn', rule: 'R9' }, // R9 is not in the rules table
      { at: '2026-03-03 10:00:00', account: 'a', points: 40, type: 'earn' }, // no rule
    ]);
    const rows = await runChecked(db, 'tier_mix', { ...P, ...targets });
    expect(rows.map((r) => r.tier)).toEqual(['base', 'challenge', 'reward', 'bonus', 'unassigned']);
    const unassigned = rows[4];
    near(unassigned.issued, 60 + 40);
    near(unassigned.share, 100 / 500);
    expect(unassigned.target).toBeNull();
    expect(rows[3]).toEqual({ tier: 'bonus', issued: 0, share: 0, target: null });
  });

  it('shares are null when nothing was issued', async () => {
    const rows = await runChecked(db, 'tier_mix', { from: '2030-01-01', to: '2030-04-01', ...targets });
    for (const r of rows) {
      expect(r.issued).toBe(0);
      expect(r.share).toBeNull();
    }
  });
});
