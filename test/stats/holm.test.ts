import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../src/stats/holm.ts';

describe('Holm step-down adjustment', () => {
  it('matches a hand-computed family of four', () => {
    // Sorted: 0.01 (×4 = 0.04), 0.02 (×3 = 0.06), 0.03 (×2 = 0.06), 0.04 (×1 = 0.04 → raised to the running max 0.06).
    const adjusted = holmAdjust([0.03, 0.01, 0.04, 0.02]);
    const expected = [0.06, 0.04, 0.06, 0.06];
    adjusted.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 15));
  });

  it('caps at 1 and keeps the order of significance', () => {
    // Sorted: 0.2 × 3 = 0.6, 0.5 × 2 = 1.0, 0.9 × 1 = 0.9 → max(1.0, 0.9) = 1.
    const adjusted = holmAdjust([0.5, 0.9, 0.2]);
    expect(adjusted[0]).toBe(1);
    expect(adjusted[1]).toBe(1);
    expect(adjusted[2]).toBeCloseTo(0.6, 15);
  });

  it('leaves a single p-value alone and accepts an empty family', () => {
    expect(holmAdjust([0.037])).toEqual([0.037]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('rejects values outside [0, 1]', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow(RangeError);
  });
});
