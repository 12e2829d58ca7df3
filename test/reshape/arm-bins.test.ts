import { describe, expect, it } from 'vitest';
import { armBinRows } from '../../src/reshape/arm-bins.ts';

describe('armBinRows (the worker’s reshaping, run here in Node)', () => {
  it('unrolls each arm over the shared bin edges, arms and bins in their order', () => {
    const rows = armBinRows({
      bins: [0, 10, 20, 30],
      arms: [
        { variant: 'B', counts: [1, 0, 4] },
        { variant: 'A', counts: [2, 3, 0] },
      ],
    });
    expect(rows).toEqual([
      ['B', 0, 10, 1],
      ['B', 10, 20, 0],
      ['B', 20, 30, 4],
      ['A', 0, 10, 2],
      ['A', 10, 20, 3],
      ['A', 20, 30, 0],
    ]);
  });

  it('gives no rows for an experiment without arms', () => {
    expect(armBinRows({ bins: [0, 1], arms: [] })).toEqual([]);
  });
});
