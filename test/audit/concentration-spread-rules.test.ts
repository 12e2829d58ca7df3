import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { Rng } from '../../src/sample/rng.ts';
import { audit, day, insertRows, openDb, type Row } from './fixture.ts';

/**
 * A one-approver team: every award of a receiver is signed by the team's manager, so favour shows only in what the
 * favourite gets against their own awards of the other rules. Here the manager G gives the favourite F their normal
 * awards plus one and a half times as many again of the two frequent rules R1 and R2, in turn (as a manager favouring
 * someone through the everyday rules would), while F's awards of R3 and R4 stay ordinary. Judged against all the
 * other rules, R1's baseline holds R2's favour and R2's holds R1's: each looks nearly ordinary (the scenario matrix's
 * office-800-x10-s81 and office-2000-x1000-s84 missed such favourites). B is naturally three times as busy in every
 * rule: busy, not favoured. H's team is the same without a favourite.
 */
const P = { from: '2026-01-01', to: '2026-08-01' };
const RULES = ['R1', 'R2', 'R3', 'R4'];
const WEIGHTS = [0.4, 0.3, 0.2, 0.1];

function team(approver: string, members: string[], rate: (m: string) => number, favour: string | null, seed: number) {
  const rng = new Rng(seed);
  const rows: Row[] = [];
  const rule = () => {
    const u = rng.next();
    let acc = 0;
    for (let k = 0; k < RULES.length; k++) if (u < (acc += WEIGHTS[k])) return RULES[k];
    return RULES[RULES.length - 1];
  };
  for (let d = 0; d < 200; d++) {
    const date = day(P.from, d);
    for (const [i, m] of members.entries()) {
      const n = Math.floor(rate(m) + rng.next());
      const extra = m === favour ? Math.floor(1.5 * rate(m) + rng.next()) : 0;
      const awards = [
        ...Array.from({ length: n }, rule),
        ...Array.from({ length: extra }, (_, k) => RULES[(d + k) % 2]),
      ];
      awards.forEach((r, k) =>
        rows.push({
          at: `${date} ${String(9 + k).padStart(2, '0')}:${String(10 + i).padStart(2, '0')}:00`,
          account: m,
          points: 10,
          rule: r,
          approver,
        }),
      );
    }
  }
  return rows;
}

describe('concentration: favour spread over several rules of a one-approver team', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('flags the favourite of R1 and R2 against R3 and R4, not the busy receiver nor the team without a favourite', async () => {
    const rate = (m: string) => (m === 'B' || m === 'HB' ? 1.2 : 0.4);
    await insertRows(db, [
      ...team('G', ['F', 'B', 'C1', 'C2', 'C3', 'C4'], rate, 'F', 7),
      ...team('H', ['HB', 'D1', 'D2', 'D3', 'D4', 'D5'], rate, null, 8),
    ]);
    const r = await audit(db, { ...P, checks: ['concentration'] });
    expect(r.flags.map((f) => f.accounts)).toEqual([['G', 'F']]);
    expect(r.flags[0].reason_key).toBe('concentration_rule_spread');
    expect(['R1', 'R2']).toContain(r.flags[0].rule_id);
  });
});
