import { describe, expect, it } from 'vitest';
import { rowsOf } from '../reshape/rows-of.ts';
import { monthlyLong, theilParts } from '../../src/notebooks/tables.ts';

describe('notebooks/tables.ts: reshaping result tables with arquero', () => {
  it('monthlyLong: one row per month × kind, months in order', () => {
    const t = rowsOf(
      monthlyLong([
        { month: '2026-02', issued: 5, redeemed: 2, expired: 0 },
        { month: '2026-01', issued: 7, redeemed: 1, expired: 3 },
      ]),
    );
    expect(t.header).toEqual(['month', 'kind', 'points']);
    expect(t.rows.slice(0, 3)).toEqual([
      ['2026-01', 'issued', 7],
      ['2026-01', 'redeemed', 1],
      ['2026-01', 'expired', 3],
    ]);
    expect(t.rows).toHaveLength(6);
  });

  it('theilParts: the rows the fairness notebook folded by hand before, in the same order', () => {
    const by = [
      { attribute: 'department', theil_between: 0.02, theil_within: 0.3 },
      { attribute: 'region', theil_between: null, theil_within: 0.31 },
    ];
    // The fairness notebook's own loop, as it was: the fixture the loader's arquero fold must equal.
    const before = by.flatMap((b) => [
      { attribute: b.attribute, part: 'between groups', value: b.theil_between },
      { attribute: b.attribute, part: 'within groups', value: b.theil_within },
    ]);
    expect(theilParts(by).objects()).toEqual(before);
  });
});
