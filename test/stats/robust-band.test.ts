import { describe, expect, it } from 'vitest';
import { bandScale, bandThreshold, phaseMedians, robustBand } from '../../src/stats/robust-band.ts';
import { createRng } from '../../src/stats/prng.ts';
import { inferPeriod } from '../../src/stats/seasonality.ts';

describe('bandThreshold', () => {
  it('is the two-sided Bonferroni normal quantile for alpha false alarms over the points', () => {
    expect(bandThreshold(0.01, 365)).toBeCloseTo(4.194, 3);
    expect(bandThreshold(0.01, 105_120)).toBeCloseTo(5.336, 3);
    expect(bandThreshold(0.05, 1)).toBeCloseTo(1.96, 2);
  });
});

describe('robustBand', () => {
  // A period-4 pattern (10, 40, 20, 30) with a little wobble; then a rise to 3× and a fall to a third.
  const base = [10, 40, 20, 30];
  const values = Array.from({ length: 4 * 20 }, (_, i) => base[i % 4] * (1 + ((i * 7) % 5) / 100));

  it('judges a rise and a fall of the same ratio alike on the log scale, and the rest inside', () => {
    const x = [...values, base[0] * 3, base[1] / 3, base[2], base[3]];
    const band = robustBand(x, { period: 4, periods: 8 }, bandThreshold(0.01, x.length));
    expect(band.slice(-4).map((b) => b.beyond)).toEqual([1, -1, 0, 0]);
    const [up, down] = band.slice(-4);
    expect(Math.abs((up.z as number) + (down.z as number))).toBeLessThan(0.5 * Math.abs(up.z as number));
    expect(band.slice(0, -4).every((b) => b.beyond === 0)).toBe(true);
    // The expected value is the same phase's median on the series' own scale.
    expect(up.expected).toBeCloseTo(10 * 1.02, 1);
  });

  it('gives each phase its own spread: a steady weekday a narrow band, a noisy weekend a wide one', () => {
    // Weekdays 1,000 ± 3 %, weekends 100 swinging ± 60 %: one pooled spread made both bands alike on the log scale.
    const swing = [0.4, 1.6, 1, 0.55, 1.45, 0.7, 1.3];
    const week = (w: number) =>
      Array.from({ length: 7 }, (_, d) =>
        d < 5 ? 1000 * (1 + (((w * 5 + d * 3) % 7) - 3) / 100) : 100 * swing[(w + d) % 7],
      );
    const x = Array.from({ length: 20 }, (_, w) => week(w)).flat();
    const band = robustBand(x, { period: 7, periods: 8 }, bandThreshold(0.01, 365));
    const last = band.slice(-7);
    const width = (b: (typeof band)[number]) => (b.upper as number) / (b.expected as number);
    for (const d of [0, 1, 2, 3, 4]) expect(width(last[d])).toBeLessThan(0.8 * width(last[5]));
    // A weekday 1.6× its level is beyond its band; the same rise on a weekend is inside it.
    const rise = robustBand([...x, 1600, 1000, 1000, 1000, 1000, 160, 100], { period: 7, periods: 8 }, 4.19).slice(-7);
    expect(rise.map((b) => b.beyond)).toEqual([1, 0, 0, 0, 0, 0, 0]);
  });

  it('scores zeros by ln(x + the smallest positive value), and negatives on the plain scale', () => {
    expect(bandScale([0, 5, 10]).to(0)).toBeCloseTo(Math.log(5));
    expect(bandScale([1, 5]).to(5)).toBeCloseTo(Math.log(5));
    expect(bandScale([-1, 5]).to(5)).toBe(5);
  });
});

describe('inferPeriod', () => {
  it('finds the daily cycle of hourly data from its autocorrelation', () => {
    const hours = 24 * 40;
    const times = Array.from({ length: hours }, (_, i) => i * 3_600_000);
    const values = times.map((_, i) => 100 + 50 * Math.sin((2 * Math.PI * i) / 24) + ((i * 13) % 7));
    expect(inferPeriod(times, values, 16)).toMatchObject({ steps: 24, source: 'daily' });
  });
});

describe('phaseMedians', () => {
  /** The definition, written plainly: the finite values of the same phase before i, sorted, their middle. */
  const plain = (values: number[], period: number, periods: number) =>
    values.map((_, i) => {
      const same: number[] = [];
      for (let k = 1; k <= periods && i - period * k >= 0; k++) same.push(values[i - period * k]);
      const known = same.filter(Number.isFinite).sort((a, b) => a - b);
      if (known.length < Math.ceil(periods / 2)) return null;
      const mid = known.length >> 1;
      return known.length % 2 === 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
    });

  it('equals the plain definition on series with ties, zeros and unknown days, whatever the buffer held before', () => {
    const rng = createRng(15);
    for (let trial = 0; trial < 200; trial++) {
      const length = 1 + Math.floor(rng() * 120);
      const values = Array.from({ length }, () => {
        const u = rng();
        return u < 0.1 ? Number.NaN : u < 0.2 ? 0 : Math.round(rng() * 50) / (u < 0.5 ? 1 : 7);
      });
      const period = 1 + Math.floor(rng() * 7);
      const periods = 1 + Math.floor(rng() * 9);
      expect(phaseMedians(values, period, periods), `trial ${trial}`).toEqual(plain(values, period, periods));
    }
  });
});
