import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { audit, openDb } from './fixture.ts';
import { thinReferralLedger } from './break-fixtures.ts';

/**
 * A rule whose award varies with the deal (10 to 60 points) and comes a few times a day: a day of one small award is
 * chance, not a rule that "pays a third of its value" (red team A, D7). A rule of one value that pays a fifth of it
 * on an ordinary count of awards is still a changed value.
 */
describe('the mean award of a day against the spread of the rule', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await thinReferralLedger(db);
    await rebuildRollups(db);
  });
  afterAll(() => db.close());

  it("flags the visit's changed value, and not the referral's one small award", async () => {
    const r = await audit(db, { from: '2026-09-01', to: '2026-12-01', checks: ['program_spike', 'rule_spike'] });
    expect(r.flags.map((f) => [f.reason_key, f.rule_id, f.from])).toEqual([['rule_drop', 'V', '2026-11-12']]);
  });
});
