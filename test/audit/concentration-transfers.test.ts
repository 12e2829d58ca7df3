import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binomialTail } from '../../src/audit/binomial.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, day, insertRows, openDb, type Row, transfer } from './fixture.ts';

/**
 * audit.md's concentration rule on transfers: share ≥ 50 % of a giver's total with at least a minimum count. The
 * minimum is the count an even split over the giver's receivers could not reach (p × receivers below the setting).
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

/** `counts[i]` transfers of 10 points from `giver` to `${giver}-r${i}`, one a day. */
const gives = (giver: string, counts: number[]): Row[] =>
  counts.flatMap((n, i) =>
    Array.from({ length: n }, (_, k) =>
      transfer(`${day('2026-03-02', k + i)} 1${i % 10}:00:00`, giver, `${giver}-r${i}`, 10),
    ).flat(),
  );

describe('concentration of transfers', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('flags 15 of 18 transfers to one receiver when that giver is the only one judged; not an even split could give', async () => {
    await insertRows(db, [
      // G: 15 to one receiver, 1 each to three others (83 %). The only giver with 10 transfers or more besides the
      // near misses: the ledger's own spread between receivers then comes from the favourite's giver alone.
      ...gives('G', [15, 1, 1, 1]),
      // H: 6 of 10 to one of five receivers (60 %): an even split gives 6 or more 3 % of the time.
      ...gives('H', [6, 1, 1, 1, 1]),
      // K: 8 of 10 to one of three (80 %): 0.34 % of the time, × 3 receivers about 1 %.
      ...gives('K', [8, 1, 1]),
      // L: 3 transfers, all to one person: too few to judge (min_count).
      ...gives('L', [3]),
      // Ordinary givers below min_count.
      ...['O1', 'O2', 'O3', 'O4'].flatMap((o) => gives(o, [2, 2, 1])),
    ]);
    const r = await audit(db, { ...P, checks: ['concentration'] });
    expect(r.flags.map((f) => f.accounts)).toEqual([['G', 'G-r0']]);
    const p = 4 * binomialTail(15, 18, 1 / 4);
    expect(r.flags[0]).toMatchObject({ severity: 'medium', baseline: 1 / 4, threshold: 1e-3 });
    expect(r.flags[0].score).toBeCloseTo(p, 15);
    expect(r.flags[0].value).toBeCloseTo(15 / 18, 12);
    expect(r.flags[0].explanation).toBe(
      'G sent 15 of their 18 transfers (83.33 % of 180 points) to G-r0, where an even split over their 4 receivers gives each 25 %',
    );
    // With a bar of 5 %, the two near misses are flagged too, and the giver of 3 transfers still is not judged.
    const s = defaultAuditSettings();
    s.concentration.p = 0.05;
    const r2 = await audit(db, { ...P, checks: ['concentration'], settings: s });
    expect(r2.flags.map((f) => f.account_id).sort()).toEqual(['G', 'H', 'K']);
  });

  it('on a tie in points picks the receiver of more transfers, the stronger evidence, not the first by name', async () => {
    // T sends T-a 2 transfers of 100 and T-b 20 of 10 (200 points each, 49 % of 410 with T-c's 10): at a share of
    // 40 % both are candidates; T-b's 20 of 23 transfers is the favour an even split over 3 could not give.
    await insertRows(db, [
      ...[0, 1].flatMap((k) => transfer(`${day('2026-03-02', k)} 10:00:00`, 'T', 'T-a', 100)),
      ...Array.from({ length: 20 }, (_, k) => transfer(`${day('2026-03-02', k)} 11:00:00`, 'T', 'T-b', 10)).flat(),
      ...transfer('2026-03-02 12:00:00', 'T', 'T-c', 10),
    ]);
    const s = defaultAuditSettings();
    s.concentration.share = 0.4;
    const r = await audit(db, { ...P, checks: ['concentration'], settings: s });
    expect(r.flags.map((f) => f.accounts)).toEqual([['T', 'T-b']]);
    expect(r.flags[0].value).toBeCloseTo(200 / 410, 12);
    expect(r.flags[0].explanation).toContain('T sent 20 of their 23 transfers');
  });
});
