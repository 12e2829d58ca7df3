import { describe, expect, it } from 'vitest';
import type { ColumnTable } from 'arquero';
import { armHistogram, monthlyLong } from '../../src/notebooks/tables.ts';

/** A table as its header and rows of values. */
function rowsOf(t: ColumnTable): { header: string[]; rows: unknown[][] } {
  const header = t.columnNames();
  return { header, rows: t.objects().map((o) => header.map((h) => (o as Record<string, unknown>)[h])) };
}

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

  it('armHistogram: one row per arm × bin with its edges and its share of the arm', () => {
    const h = rowsOf(
      armHistogram({
        bins: [0, 100, 200, 400],
        arms: [
          { variant: 'A', counts: [1, 3, 0] },
          { variant: 'B', counts: [2, 2, 4] },
        ],
      }),
    );
    expect(h.header).toEqual(['arm', 'bin', 'bin_from', 'bin_to', 'accounts', 'share']);
    expect(h.rows).toEqual([
      ['A', 0, 0, 100, 1, 0.25],
      ['A', 1, 100, 200, 3, 0.75],
      ['A', 2, 200, 400, 0, 0],
      ['B', 0, 0, 100, 2, 0.25],
      ['B', 1, 100, 200, 2, 0.25],
      ['B', 2, 200, 400, 4, 0.5],
    ]);
  });

  it('armHistogram: an arm with no accounts has shares of 0, not NaN', () => {
    const h = rowsOf(armHistogram({ bins: [0, 10], arms: [{ variant: 'A', counts: [0] }] }));
    expect(h.rows).toEqual([['A', 0, 0, 10, 0, 0]]);
  });
});
