// The cells an on-demand ClickHouse source holds of a large rollup only grow: a covered request fetches nothing, any
// other fetches the union, so a view made over earlier cells never loses one.
import { describe, expect, it } from 'vitest';
import { cellCondition, covers, widen, type CellRange } from '../../src/db/clickhouse/cells.ts';

const earn = (from: string | null, to: string | null): CellRange => ({ filter: "event_type = 'earn'", from, to });

describe('cells of a lazy rollup', () => {
  it('a range inside the held one under the same condition is covered; anything else is not', () => {
    expect(covers(earn('2026-03-11', '2026-10-01'), earn('2026-07-01', '2026-10-01'))).toBe(true);
    expect(covers(earn('2026-03-11', '2026-10-01'), earn('2026-07-01', '2026-10-02'))).toBe(false);
    expect(covers(earn('2026-03-11', '2026-10-01'), earn(null, '2026-10-01'))).toBe(false);
    expect(covers(earn(null, null), earn('2020-01-01', '2030-01-01'))).toBe(true);
    expect(covers(earn('2026-03-11', '2026-10-01'), { ...earn('2026-07-01', '2026-08-01'), filter: '1' })).toBe(false);
    expect(covers(undefined, earn('2026-07-01', '2026-08-01'))).toBe(false);
    expect(covers('all', earn('2026-07-01', '2026-08-01'))).toBe(true);
    expect(covers(earn(null, null), 'all')).toBe(false);
  });

  it('widening keeps every held cell: the union of the ranges, or every row under another condition', () => {
    expect(widen(earn('2026-03-11', '2026-10-01'), earn('2026-01-01', '2026-04-01'))).toEqual(
      earn('2026-01-01', '2026-10-01'),
    );
    expect(widen(earn('2026-03-11', '2026-10-01'), earn(null, '2026-04-01'))).toEqual(earn(null, '2026-10-01'));
    expect(widen(earn('2026-03-11', '2026-10-01'), { ...earn('2026-01-01', '2026-02-01'), filter: '1' })).toBe('all');
    expect(widen(undefined, earn('2026-01-01', '2026-02-01'))).toEqual(earn('2026-01-01', '2026-02-01'));
  });

  it('writes whole days as literals and refuses anything that is not a day', () => {
    expect(cellCondition(earn('2026-03-11', '2026-10-01'))).toBe(
      "event_type = 'earn' AND occurred_at >= toDateTime('2026-03-11 00:00:00') AND occurred_at < toDateTime('2026-10-01 00:00:00')",
    );
    expect(cellCondition('all')).toBe('1');
    expect(() => cellCondition(earn("2026-01-01') OR 1 --", null))).toThrow(/not a YYYY-MM-DD day/);
  });
});
