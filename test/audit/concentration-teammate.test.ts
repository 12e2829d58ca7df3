import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { Rng } from '../../src/sample/rng.ts';
import { audit, day, insertRows, openDb, type Row } from './fixture.ts';

/**
 * A favourite's flood is not their teammates' favour: the manager G gives F many extra awards of R1 and R2, so F's
 * award-days of R1 and R2 swell the baseline every teammate is judged against in R3 (the receivers of R3's award-days
 * of the other rules). B is naturally busy in every rule; against that swollen baseline B's ordinary share of R3
 * looked high (office-2000-x1000-s31 flagged such a teammate). Only F is favoured.
 */
const P = { from: '2026-01-01', to: '2026-08-01' };
const RULES = ['R1', 'R2', 'R3', 'R4'];

function teamRows(seed: number): Row[] {
  const rng = new Rng(seed);
  const rows: Row[] = [];
  const members = ['F', 'B', 'C1', 'C2', 'C3', 'C4'];
  const rate = (m: string) => (m === 'B' ? 2.5 : 0.5);
  for (let d = 0; d < 200; d++) {
    const date = day(P.from, d);
    for (const [i, m] of members.entries()) {
      const awards = Array.from({ length: Math.floor(rate(m) + rng.next()) }, () => rng.pick(RULES));
      if (m === 'F') awards.push('R1', 'R2', 'R1', 'R2');
      awards.forEach((rule, k) =>
        rows.push({
          at: `${date} ${String(8 + k).padStart(2, '0')}:${String(10 + i).padStart(2, '0')}:00`,
          account: m,
          points: 10,
          rule,
          approver: 'G',
        }),
      );
    }
  }
  return rows;
}

describe('concentration: a favourite does not make a teammate look favoured', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('flags F and not B, whose share of R3 is judged without F', async () => {
    await insertRows(db, teamRows(3));
    const r = await audit(db, { ...P, checks: ['concentration'] });
    expect(r.flags.map((f) => f.accounts)).toEqual([['G', 'F']]);
  });
});
