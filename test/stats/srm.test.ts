import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from '../../src/stats/srm.ts';
import { cases } from '../fixtures/abtests/cases.ts';

describe('sample-ratio mismatch against GrowthBook checkSrm (MIT)', () => {
  // GrowthBook compares p.toFixed(9).
  it.each(cases.srm_chi_square.cases.map((c) => [c.id, c.users, c.weights, c.expected_p] as const))(
    '%s: %j with weights %j',
    (_id, users, weights, expected) => {
      expect(sampleRatioMismatch(users, weights).pValue.toFixed(9)).toBe(expected.toFixed(9));
    },
  );

  it('computes the statistic by hand for [1000, 1200] at 50/50', () => {
    // Expected 1100 each: (100² + 100²) / 1100 = 20000 / 1100 = 18.1818…, df 1.
    const r = sampleRatioMismatch([1000, 1200]);
    expect(r.chiSquare).toBeCloseTo(20000 / 1100, 12);
    expect(r.df).toBe(1);
    expect(r.arms).toEqual([0, 1]);
  });

  it('drops zero-weight arms and renormalises the rest', () => {
    // Arm 2 has weight 0, so only [1000, 1200] at 0.5/0.5 is tested.
    expect(sampleRatioMismatch([1000, 1200, 900], [0.5, 0.5, 0]).arms).toEqual([0, 1]);
  });

  it('rejects negative sizes', () => {
    expect(() => sampleRatioMismatch([-1, 5])).toThrow(RangeError);
  });
});
