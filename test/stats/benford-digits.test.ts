import { describe, expect, it } from 'vitest';
import { benfordExpected, benfordProbability, digitBins, leadingDigits } from '../../src/stats/benford-digits.ts';

describe('Benford probabilities', () => {
  it('has 9 first-digit bins (1–9) and 90 first-two bins (10–99)', () => {
    expect(digitBins('first')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const two = digitBins('firstTwo');
    expect([two.length, two[0], two[89]]).toEqual([90, 10, 99]);
  });

  it('P(d) = log10(1 + 1/d): P(1) = log10 2 = 0.30103, P(11) = log10(12/11) = 0.03778856', () => {
    expect(benfordProbability(1)).toBeCloseTo(0.30103, 5);
    expect(benfordProbability(11)).toBeCloseTo(0.03778856, 8);
    expect(() => benfordProbability(0)).toThrow(RangeError);
    expect(() => benfordProbability(1.5)).toThrow(RangeError);
  });

  it('sums to 1 per test (Σ log10((d+1)/d) telescopes to log10(10/1) and log10(100/10))', () => {
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    expect(sum(benfordExpected('first'))).toBeCloseTo(1, 12);
    expect(sum(benfordExpected('firstTwo'))).toBeCloseTo(1, 12);
  });
});

describe('leadingDigits', () => {
  it('reads 0.29 as 2 and 29 (R trunc(0.29·100) would give 28)', () => {
    expect(0.29 * 100).toBeLessThan(29); // the float artefact the string extraction avoids
    expect(leadingDigits(0.29, 1)).toBe(2);
    expect(leadingDigits(0.29, 2)).toBe(29);
  });

  it('ignores sign and leading zeros, and handles decimals and large values', () => {
    expect(leadingDigits(-250, 2)).toBe(25);
    expect(leadingDigits(0.0123, 2)).toBe(12);
    expect(leadingDigits(1999.99, 2)).toBe(19);
    expect(leadingDigits(10.29, 2)).toBe(10);
    expect(leadingDigits(1.5e6, 2)).toBe(15);
    expect(leadingDigits(4.2e21, 1)).toBe(4);
    expect(leadingDigits(0.1 + 0.2, 2)).toBe(30); // 0.30000000000000004
  });

  it('pads a value with fewer significant digits than asked (5 → 50, 1e-7 → 10)', () => {
    expect(leadingDigits(5, 2)).toBe(50);
    expect(leadingDigits(1e-7, 2)).toBe(10);
    expect(leadingDigits(7, 1)).toBe(7);
  });

  it('returns null for zero and non-finite values and rejects a bad digit count', () => {
    expect(leadingDigits(0, 1)).toBeNull();
    expect(leadingDigits(-0, 2)).toBeNull();
    expect(leadingDigits(Number.NaN, 1)).toBeNull();
    expect(leadingDigits(Infinity, 1)).toBeNull();
    expect(() => leadingDigits(12, 0)).toThrow(RangeError);
  });
});
