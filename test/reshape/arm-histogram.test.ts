import { describe, expect, it } from 'vitest';
import { rowsOf } from './rows-of.ts';
import { armHistogram } from '../../src/reshape/arm-histogram.ts';

describe('armHistogram (the worker’s and the notebook’s reshaping, run here in Node)', () => {
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
  it('armHistogram: arms keep their given order, and no arms give no rows', () => {
    const h = rowsOf(
      armHistogram({
        bins: [0, 10, 20],
        arms: [
          { variant: 'B', counts: [1, 3] },
          { variant: 'A', counts: [2, 0] },
        ],
      }),
    );
    expect(h.rows.map((r) => r[0])).toEqual(['B', 'B', 'A', 'A']);
    expect(armHistogram({ bins: [0, 1], arms: [] }).numRows()).toBe(0);
  });
});
