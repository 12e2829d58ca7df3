import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { importAccounts, importLedger } from '../../src/ledger/import.ts';
import { scopeParams } from '../../src/db/query-types.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { withinScope } from '../../src/db/within-scope.ts';
import { writeTemp } from '../ledger/helpers.ts';
import { openTestDb, runChecked } from './fixture.ts';

/**
 * cohort_retention reads a month-aligned grid from rollup_cohort_month (recomputed with the attributes); a connection
 * that keeps no rollups (ll_kept_rollups() false) computes the same grid from the account-months. Both must agree
 * after every import that can move a cohort: a roster import after the ledger (joined_at, a department), and a
 * second ledger import with an account's earlier first month.
 */
const HEADER = 'event_id,occurred_at,account_id,points,event_type,rule_id,department';
const ledger = (name: string, rows: string[]) => writeTemp(name, `${[HEADER, ...rows].join('\n')}\n`);

const cells = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [(r.cohort as Date).toISOString().slice(0, 7), r.k, r.cohort_size, r.active]);

type Scope = { attribute: string; value: string | string[] } | undefined;
const GRIDS: { from: string; to: string; scope: Scope }[] = [];
for (const to of ['2025-05-01', '2025-07-01', '2025-08-01'])
  for (const scope of [
    undefined,
    { attribute: 'department', value: 'sales' },
    { attribute: 'department', value: 'ops' },
    { attribute: 'department', value: ['sales', 'ops'] },
  ])
    GRIDS.push({ from: '2024-08-01', to, scope });

describe('rollup_cohort_month: the retention grid read from the rollup equals the grid computed', () => {
  let db: Database;
  let computed: Database;
  beforeAll(async () => {
    db = await openTestDb();
    await importLedger(db, {
      file: ledger('a.csv', [
        'E1,2025-03-03 10:00:00,a,10,earn,R1,sales',
        'E2,2025-04-03 10:00:00,a,10,earn,R1,sales',
        'E3,2025-03-10 10:00:00,b,10,earn,R1,sales',
        'E4,2025-06-10 10:00:00,b,10,earn,R1,sales',
        'E5,2025-04-11 10:00:00,c,10,earn,R1,ops',
        'E6,2025-05-11 10:00:00,c,-5,expire,,ops',
        'E7,2025-06-11 10:00:00,c,10,earn,R1,ops',
      ]),
    });
    computed = await db.fork();
    await computed.keepsLess('ll_kept_rollups');
  });
  afterAll(() => {
    computed.close();
    db.close();
  });

  const grid = (conn: Database, g: (typeof GRIDS)[number]) =>
    runChecked(conn, 'cohort_retention', { from: g.from, to: g.to, ...scopeParams(g.scope) }).then(cells);

  const expectSameGrids = async () => {
    for (const g of GRIDS) expect(await grid(db, g), JSON.stringify(g)).toEqual(await grid(computed, g));
  };

  it('after the ledger alone: cohorts by first month other than expire, per department', async () => {
    await expectSameGrids();
    expect(
      await grid(db, { from: '2024-08-01', to: '2025-07-01', scope: { attribute: 'department', value: 'ops' } }),
    ).toEqual([
      ['2025-04', 0, 1, 1],
      ['2025-04', 1, 1, 0], // May: c's expiry only
      ['2025-04', 2, 1, 1],
    ]);
  });

  it('after a roster import: joined_at sets the cohort and a moved account counts under its new value', async () => {
    const roster = ['account_id,joined_at,department', 'b,2025-01-20,sales', 'c,,sales', 'z,2025-02-02,ops'];
    await importAccounts(db, { file: writeTemp('roster.csv', `${roster.join('\n')}\n`) });
    await expectSameGrids();
    // b joined in January; z joined in February and never acted; c moved to sales.
    expect(
      await grid(db, { from: '2024-08-01', to: '2025-05-01', scope: { attribute: 'department', value: 'sales' } }),
    ).toEqual([
      ['2025-01', 0, 1, 0],
      ['2025-01', 1, 1, 0],
      ['2025-01', 2, 1, 1],
      ['2025-01', 3, 1, 0],
      ['2025-03', 0, 1, 1],
      ['2025-03', 1, 1, 1],
      ['2025-04', 0, 1, 1],
    ]);
    expect(
      await grid(db, { from: '2024-08-01', to: '2025-04-01', scope: { attribute: 'department', value: 'ops' } }),
    ).toEqual([
      ['2025-02', 0, 1, 0],
      ['2025-02', 1, 1, 0],
    ]);
  });

  it("after a second import that moves an account's first month earlier", async () => {
    await importLedger(db, { file: ledger('b.csv', ['E8,2024-12-05 09:00:00,a,5,earn,R1,sales']) });
    await expectSameGrids();
    const all = await grid(db, { from: '2024-08-01', to: '2025-05-01', scope: undefined });
    expect(all.filter((c) => c[1] === 0)).toEqual([
      ['2024-12', 0, 1, 1], // a
      ['2025-01', 0, 1, 0], // b joined
      ['2025-02', 0, 1, 0], // z joined
      ['2025-04', 0, 1, 1], // c
    ]);
  });

  it("within a user's scope, the unfiltered grid is the scope's grid (the rollup reduced from the scope's rows)", async () => {
    for (const value of ['sales', 'ops']) {
      const scope = { attribute: 'department', value };
      const g = { from: '2024-08-01', to: '2025-07-01' };
      const inside = await withinScope(db, scope, () => grid(db, { ...g, scope: undefined }));
      expect(inside.length).toBeGreaterThan(0);
      expect(inside).toEqual(await grid(db, { ...g, scope }));
    }
  });

  it('a filter value nobody has: no cohort either way', async () => {
    const g = { from: '2024-08-01', to: '2025-07-01', scope: { attribute: 'department', value: 'nobody' } };
    expect(await grid(db, g)).toEqual([]);
    expect(await grid(computed, g)).toEqual([]);
  });

  it('a grid not ending on a 1st is computed, not read from the rollup (emptied here)', async () => {
    const cut = { from: '2024-08-01', to: '2025-06-15', scope: undefined };
    const before = await grid(db, cut);
    await sqlExec(db, 'DELETE FROM rollup_cohort_month');
    expect(await grid(db, cut)).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
    // A month-aligned grid did read it: with the rollup emptied it has no cohort left.
    expect(await grid(db, { from: '2024-08-01', to: '2025-07-01', scope: undefined })).toEqual([]);
  });
});
