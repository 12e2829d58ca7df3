import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { audit, day, insertRows, openDb, type Row, transfer } from './fixture.ts';

/**
 * audit.md's concentration rule on transfers weighed by points: a few large gifts beside many small ones make the
 * top receiver's share, though its count of transfers is one an even split reaches by chance.
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

/** Transfers from `giver`: `[receiver suffix, points]` each, one a day from 2 March. */
const sends = (giver: string, list: [string, number][]): Row[] =>
  list.flatMap(([r, points], k) =>
    transfer(`${day('2026-03-02', k % 28)} 1${k % 10}:00:00`, giver, `${giver}-${r}`, points),
  );

/** `n` transfers of `points` to one receiver. */
const many = (r: string, n: number, points: number): [string, number][] => Array.from({ length: n }, () => [r, points]);
/** One transfer of `points` to each of `n` receivers named o1, o2, …. */
const each = (n: number, points: number): [string, number][] =>
  Array.from({ length: n }, (_, i) => [`o${i + 1}`, points]);

describe('concentration of transfers weighed by points', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('flags six gifts of 1,000 beside one of 10 to each of nine others; not one large gift, nor a near miss', async () => {
    await insertRows(db, [
      // P: 6 of 15 transfers to one of 10 receivers is no count an even split rarely reaches (p 0.22 % × 10), but
      // those six carry 6,000 of 6,090 points: a random receiver gets all six 1,000s one time in a million.
      ...sends('P', [...many('fav', 6, 1000), ...each(9, 10)]),
      // B: one gift of 1,000 and one of 10 to one receiver (92 % of the points) beside nine of 10 to others: a
      // single large transfer is no pattern.
      ...sends('B', [['fav', 1000], ...each(9, 10), ['fav', 10]]),
      // N: four gifts of 100 to one of six receivers (87 % of 460 points) beside six of 10: the four go to one
      // receiver 6^-4 = 0.08 % of the time, × 6 receivers about 0.5 %.
      ...sends('N', [...many('fav', 4, 100), ...each(5, 10), ['o1', 10]]),
    ]);
    const r = await audit(db, { ...P, checks: ['concentration'] });
    expect(r.flags.map((f) => f.accounts)).toEqual([['P', 'P-fav']]);
    const f = r.flags[0];
    // Exactly the chance that one receiver gets all six 1,000s (the nine 10s add up to less than one of them), ×
    // 10 receivers.
    expect(f.score).toBeCloseTo(10 * 1e-6, 15);
    expect(f).toMatchObject({ severity: 'medium', reason_key: 'concentration_transfer_points', baseline: 0.1 });
    expect(f.value).toBeCloseTo(6000 / 6090, 12);
    expect(f.event_count).toBe(6);
    expect(f.explanation).toBe(
      'P sent 98.52 % of their 6090 transferred points to P-fav in 6 of their 15 transfers; had each transfer gone to one of their 10 receivers at random, any one of them would get that much with a chance of 0.00001',
    );
  });

  it('needs three transfers to the receiver: two large gifts among 2,500 receivers are not flagged', async () => {
    // Two gifts of 20,000 to one receiver (62 % of the points) beside 2,499 of 10: the chance is about 2,500^-2 ×
    // 2,500 receivers = 0.04 %, under the bar, but two gifts can be one occasion (a gift and its top-up). Three are
    // flagged.
    for (const [giver, gifts] of [
      ['W', 2],
      ['X', 3],
    ] as const)
      await sqlExec(
        db,
        `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, counterparty_id, import_id, source_line)
         SELECT '${giver}' || i || s, TIMESTAMP '2026-03-02 10:00:00' + INTERVAL (i) MINUTE,
                CASE WHEN s = 'g' THEN '${giver}' ELSE r END, CASE WHEN s = 'g' THEN -p ELSE p END, 'transfer',
                CASE WHEN s = 'g' THEN r ELSE '${giver}' END, 1, i
         FROM (SELECT i, CASE WHEN i < ${gifts} THEN '${giver}-fav' ELSE '${giver}-o' || i END AS r,
                      CASE WHEN i < ${gifts} THEN 20000 ELSE 10 END AS p
               FROM range(2499 + ${gifts}) t(i)), (VALUES ('g'), ('r')) v(s)`,
      );
    const r = await audit(db, { ...P, checks: ['concentration'] });
    expect(r.flags.map((f) => [f.accounts, f.reason_key])).toEqual([[['X', 'X-fav'], 'concentration_transfer_points']]);
  });
});
