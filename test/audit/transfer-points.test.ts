import { describe, expect, it } from 'vitest';
import { binomialTail } from '../../src/audit/binomial.ts';
import { EXACT_MAX_TRANSFERS, pointsTail } from '../../src/audit/transfer-points.ts';

/** P(S ≥ top) by listing every subset of the transfers that goes to the receiver. */
function bruteTail(amounts: number[], top: number, q: number): number {
  let p = 0;
  for (let mask = 0; mask < 1 << amounts.length; mask++) {
    let s = 0;
    let k = 0;
    amounts.forEach((a, i) => {
      if (mask & (1 << i)) {
        s += a;
        k += 1;
      }
    });
    if (s >= top) p += q ** k * (1 - q) ** (amounts.length - k);
  }
  return p;
}

describe('pointsTail: a receiver’s points when each transfer goes to a receiver at random', () => {
  it('is the exact tail for a few transfers of different amounts (small totals sum in whole cents)', () => {
    const amounts = [100_000, 100_000, 2_500, 1_000, 1_000, 1_000, 700, 50, 50, 1];
    for (const top of [1, 1_000, 3_050, 100_000, 101_000, 200_000, 203_500, 206_301])
      for (const q of [1 / 3, 1 / 10])
        expect(pointsTail([1, 50, 700, 1_000, 2_500, 100_000], [1, 2, 1, 3, 1, 2], top, q)).toBeCloseTo(
          bruteTail(amounts, top, q),
          12,
        );
  });

  it('on a grid of the total never falls below the exact tail, and stays within the rounding of each amount', () => {
    // 12 transfers over 3 million cents: steps of 150 cents, amounts rounded up to them.
    const amounts = [1_000_000, 700_001, 500_003, 300_007, 200_011, 100_013, 50_017, 30_019, 20_023, 10_027, 5_029, 1];
    const counts = amounts.map(() => 1);
    for (const top of [1_500_000, 1_700_000, 2_000_000, 2_600_000]) {
      const p = pointsTail(amounts, counts, top, 0.2);
      expect(p).toBeGreaterThanOrEqual(bruteTail(amounts, top, 0.2) - 1e-12);
      expect(p).toBeLessThanOrEqual(bruteTail(amounts, top - 12 * 150, 0.2) + 1e-12);
    }
  });

  it('is the binomial tail when every amount is alike, exactly up to 200 transfers', () => {
    expect(pointsTail([1_000], [EXACT_MAX_TRANSFERS], 60 * 1_000, 0.2)).toBeCloseTo(
      binomialTail(60, EXACT_MAX_TRANSFERS, 0.2),
      14,
    );
  });

  it('beyond 200 transfers is a Chernoff bound: above the exact tail, within a small factor of it', () => {
    for (const [k, n, q] of [
      [30, 201, 0.05],
      [300, 1_000, 0.2],
      [12, 5_000, 0.0005],
    ]) {
      const exact = binomialTail(k, n, q);
      const bound = pointsTail([1_000], [n], k * 1_000, q);
      expect(bound).toBeGreaterThanOrEqual(exact);
      expect(bound).toBeLessThan(20 * exact);
    }
    // Below the mean there is nothing to bound.
    expect(pointsTail([1_000, 10], [300, 300], 20_000, 0.1)).toBe(1);
  });

  it('refuses amounts that are not whole cents and a chance outside (0, 1)', () => {
    expect(() => pointsTail([10.5], [1], 10, 0.5)).toThrow(RangeError);
    expect(() => pointsTail([10], [1], 10, 1)).toThrow(RangeError);
    expect(() => pointsTail([10, 20], [1], 10, 0.5)).toThrow(RangeError);
  });
});
