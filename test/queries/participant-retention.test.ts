import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { near, runChecked } from './fixture.ts';
import { P, programDb, Q4 } from './program-fixture.ts';

describe('queries/participant_retention.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDb();
  });
  afterAll(() => db.close());

  it('|active(P) ∩ active(prev)| / |active(prev)| from the hand-worked fixture', async () => {
    const [r] = await runChecked(db, 'participant_retention', { prev_from: Q4.from, ...P });
    // 2025Q4 non-expire rows: a (row 3), b (4), f (5) → 3; row 6 is a's expiry and does not count.
    expect(r.active_previous).toBe(3);
    expect(r.active).toBe(5); // a b c d e
    expect(r.retained).toBe(2); // a, b; f did nothing in P
    near(r.participant_retention_rate, 2 / 3);
  });

  it('is null when nobody was active in the previous period', async () => {
    const [r] = await runChecked(db, 'participant_retention', {
      prev_from: '2025-04-01',
      from: '2025-07-01',
      to: '2025-10-01',
    });
    expect(r.active_previous).toBe(0);
    expect(r.participant_retention_rate).toBeNull();
  });
});
