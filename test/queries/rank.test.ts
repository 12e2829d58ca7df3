import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { FEBRUARY, MARCH, rankDb } from '../rank/fixture.ts';
import { near, runChecked } from './fixture.ts';

const PREV = { prev_from: FEBRUARY.from, prev_to: FEBRUARY.to };
const NO_PREV = { prev_from: null, prev_to: null };

describe('queries/rank_period.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await rankDb();
  });
  afterAll(() => db.close());

  it('ranks overall with competition ranking, ties listed by account_id, with the previous rank', async () => {
    const rows = await runChecked(db, 'rank_period', { ...MARCH, ...PREV, attribute: null, top: 100 });
    expect(rows.map((r) => [r.rank, r.account_id, r.previous_rank])).toEqual([
      [1, 'a', 4],
      [2, 'b', 1],
      [2, 'c', 1],
      [2, 'd', 5],
      [5, 'e', 3], // three accounts share 2, so the next rank is 5
      [6, 'f', null], // f earned nothing in February
      [6, 'h', null],
    ]);
    expect(rows.every((r) => r.group_value === null)).toBe(true);
    near(rows[0].issued, 500); // 200 + 300
    near(rows[0].share, 500 / 1600);
    near(rows[0].group_share, 500 / 1600); // without an attribute the group is everyone
    near(rows[0].previous_issued, 100);
  });

  it('keeps every account tied at the --top cut', async () => {
    const rows = await runChecked(db, 'rank_period', { ...MARCH, ...PREV, attribute: null, top: 2 });
    expect(rows.map((r) => r.account_id)).toEqual(['a', 'b', 'c', 'd']); // ranks 1, 2, 2, 2
  });

  it('ranks within each department, the previous rank within the same department, no value last', async () => {
    const rows = await runChecked(db, 'rank_period', { ...MARCH, ...PREV, attribute: 'department', top: 100 });
    expect(rows.map((r) => [r.group_value, r.rank, r.account_id, r.previous_rank])).toEqual([
      ['Ops', 1, 'c', 1],
      ['Ops', 1, 'd', 3],
      ['Ops', 3, 'e', 2],
      ['Sales', 1, 'a', 2],
      ['Sales', 2, 'b', 1],
      ['Sales', 3, 'f', null],
      [null, 1, 'h', null],
    ]);
    near(rows[3].share, 500 / 1600); // share stays of the whole period
    near(rows[3].group_share, 500 / 850); // Sales: 500 + 300 + 50
    near(rows[0].group_share, 300 / 700); // Ops: 300 + 300 + 100
  });

  it('within a scope ranks only its accounts: 1..n among them, shares of their own issued, previous rank too', async () => {
    const rows = await runChecked(db, 'rank_period', {
      ...MARCH,
      ...PREV,
      attribute: null,
      top: 100,
      scope_attribute: 'department',
      scope_value: 'Ops',
    });
    expect(rows.map((r) => [r.rank, r.account_id, r.previous_rank])).toEqual([
      [1, 'c', 1],
      [1, 'd', 3],
      [3, 'e', 2],
    ]);
    near(rows[0].share, 300 / 700); // of Ops' 700, not the program's 1600
    near(rows[0].group_share, 300 / 700);
  });

  it('without a previous period every previous rank is null', async () => {
    const rows = await runChecked(db, 'rank_period', { ...MARCH, ...NO_PREV, attribute: null, top: 1 });
    expect(rows).toHaveLength(1);
    expect(rows[0].previous_rank).toBeNull();
    expect(rows[0].previous_issued).toBeNull();
  });
});

describe('queries/rank_concentration.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await rankDb();
  });
  afterAll(() => db.close());

  it('March: 8 in the population, 7 earners, top 10 holds everything, top 1 % is one account', async () => {
    const [c] = await runChecked(db, 'rank_concentration', { ...MARCH, ...PREV });
    expect(c.population).toBe(8); // a b c d e f g h (g: deduct only; x: expire only, not active)
    expect(c.earners).toBe(7);
    near(c.issued, 1600);
    near(c.top10_share, 1); // 7 earners < 10
    expect(c.top1pct_n).toBe(1); // ⌈0.01 × 8⌉
    near(c.top1pct_share, 500 / 1600);
    expect(c.top10_accounts).toBe(7);
    expect(c.top10_overlap_previous).toBe(5); // a b c d e were all in February's top 10; f and h earned nothing then
  });

  it('May: a tie at tenth place lists 11 accounts; sums of the 10 and ⌈1.21⌉ = 2 largest', async () => {
    const [c] = await runChecked(db, 'rank_concentration', {
      from: '2026-05-01',
      to: '2026-06-01',
      prev_from: '2026-04-01',
      prev_to: '2026-05-01',
    });
    const total = (120 * 121) / 2 + 111; // 7260 + 111 = 7371
    expect(c.population).toBe(121);
    near(c.issued, total);
    near(c.top10_share, ((112 + 120) * 9) / 2 / total + 111 / total); // 120…112 and one of the two 111s: 1044 + 111 = 1155
    expect(c.top1pct_n).toBe(2);
    near(c.top1pct_share, (120 + 119) / total);
    expect(c.top10_accounts).toBe(11); // p111 and q share rank 10
    expect(c.top10_overlap_previous).toBe(0); // April has a period but no earners: 0, not null
  });

  it("within a scope: the scope's population, issued and shares, never the program's", async () => {
    const [c] = await runChecked(db, 'rank_concentration', {
      ...MARCH,
      ...PREV,
      scope_attribute: 'department',
      scope_value: 'Sales',
    });
    expect(c.earners).toBe(3); // a b f
    near(c.issued, 850);
    near(c.top10_share, 1);
    near(c.top1pct_share, 500 / 850);
    expect(c.top10_accounts).toBe(3);
    expect(c.top10_overlap_previous).toBe(2); // a b earned in February; f did not
  });

  it('without a previous period the overlap is null; an empty period has null shares', async () => {
    const [c] = await runChecked(db, 'rank_concentration', { from: '2027-01-01', to: '2027-02-01', ...NO_PREV });
    expect(c.population).toBe(0);
    expect(c.top10_share).toBeNull();
    expect(c.top1pct_share).toBeNull();
    expect(c.top1pct_n).toBe(0);
    expect(c.top10_overlap_previous).toBeNull();
  });
});
