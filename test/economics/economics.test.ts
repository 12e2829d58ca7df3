import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { redemptionEconomics } from '../../src/economics/economics.ts';
import { readBudgetFile, readItemsFile } from '../../src/economics/input-files.ts';
import { Economics } from '../../src/economics/schema.ts';
import { BUDGET, BUDGET_CSV, economicsDb, ITEMS, ITEMS_CSV, P, POINT_VALUE } from './fixture.ts';

describe('redemptionEconomics()', () => {
  let db: Database;
  let dir: string;
  const config = { ...defaultConfig(), point_value: POINT_VALUE, currency: 'CNY' };
  beforeAll(async () => {
    db = await economicsDb();
    dir = mkdtempSync(join(tmpdir(), 'll-economics-'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the catalogue and budget CSVs into the same values as the fixture', async () => {
    expect(await readItemsFile(db, file('items.csv', ITEMS_CSV))).toEqual(ITEMS);
    expect(await readBudgetFile(db, file('budget.csv', BUDGET_CSV))).toEqual(BUDGET);
  });

  it('rolls the budget up: spend per line, the over-spent line flagged and counted', async () => {
    const e = await redemptionEconomics(db, { ...P, items: ITEMS, budget: BUDGET, config });
    expect(Economics.parse(e)).toEqual(e);
    expect(e.budget?.over).toBe(1); // only L1: 6.50 spent of 6.00
    const l1 = e.budget?.lines[0];
    expect(l1).toMatchObject({
      line: 'L1 Home H1',
      category: 'Home',
      rule: null,
      from: '2026-01-01',
      to: '2026-07-01',
      amount: 6,
      over: true,
    });
    expect(l1?.spent).toBeCloseTo(6.5, 9); // 1.00 + 2.00 + 2.50 + 1.00 (r10 in March is inside L1's own period)
    expect(l1?.remaining).toBeCloseTo(-0.5, 9);
    expect(e.budget?.lines.map((l) => l.over)).toEqual([true, false, false, false]);
  });

  it('splits redeemed items from never-redeemed catalogue items; totals and months as computed by hand', async () => {
    const e = await redemptionEconomics(db, { ...P, items: ITEMS, config });
    expect(e.by_item.map((i) => i.item_id)).toEqual(['G2', 'G1', 'X9', null]);
    expect(e.never_redeemed?.map((i) => [i.item_id, i.name, i.category])).toEqual([['G3', 'Gadget', 'Tech']]);
    expect(e.totals.cost).toBeCloseTo(10.5, 9);
    expect(e.totals.cost_per_active).toBeCloseTo(3.5, 9); // 10.50 / 3 active
    expect(e.monthly.map((m) => [m.month, m.share_of_outstanding])).toEqual([
      ['2026-01', 300 / 1500],
      ['2026-02', 600 / 1500],
    ]);
    expect(e.budget).toBeNull();
    expect(e.point_value).toBe(0.01);
  });

  it('without a catalogue: never_redeemed is null and categories come from the rows alone', async () => {
    const e = await redemptionEconomics(db, { ...P, config });
    expect(e.never_redeemed).toBeNull();
    // r4 has no category and no catalogue to fill it: Home keeps r3 and r6, r4 joins r9 in the unknown group
    expect(e.by_category.map((c) => [c.category, c.redemptions])).toEqual([
      ['Cards', 1], // 4.00
      ['Home', 2], // 1.00 + 2.50 = 3.50
      [null, 2], // r4 2.00 + r9 1.00
    ]);
    expect(e.by_item.every((i) => !i.in_catalog)).toBe(true);
  });

  it('bad budget and catalogue files are UserErrors naming the file, line and column', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'line,category,rule,from,to,amount\nA,,,2026-01-01,2026-13-01,5\n',
        'budget',
        /line 2, column to: "2026-13-01" is not a date/,
      ],
      [
        'line,category,rule,from,to,amount\nA,,,2026-02-01,2026-01-01,5\n',
        'budget',
        /line 2, column to: 2026-01-01 is not after/,
      ],
      [
        'line,category,rule,from,to,amount\nA,,,2026-01-01,2026-02-01,5\nA,,,2026-01-01,2026-02-01,x\n',
        'budget',
        /line 3, column line: "A" is listed twice/,
      ],
      [
        'line,category,rule,from,to,amount\nA,,,2026-01-01,2026-02-01,-5\n',
        'budget',
        /line 2, column amount: "-5" is not a number/,
      ],
      ['line,category,from,to\nA,,2026-01-01,2026-02-01\n', 'budget', /has no amount column/],
      [
        'item_id,name,category,points,cash_value\nG1,x,y,ten,1\n',
        'items',
        /line 2, column points: "ten" is not a number/,
      ],
    ];
    for (const [i, [text, kind, message]] of cases.entries()) {
      const path = file(`bad-${i}.csv`, text);
      const read = kind === 'budget' ? readBudgetFile(db, path) : readItemsFile(db, path);
      await expect(read, text).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    }
    await expect(readBudgetFile(db, join(dir, 'missing.csv'))).rejects.toMatchObject({
      code: 'file_missing',
      exitCode: 2,
    });
  });
});
