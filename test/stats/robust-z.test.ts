import { describe, expect, it } from 'vitest';
import { mad, madScaled, median, robustStats, robustZ, rollingBaseline } from '../../src/stats/robust-z.ts';
import { createRng } from '../../src/stats/prng.ts';

describe('median and MAD', () => {
  it('median of odd and even counts, skipping non-finite values; null when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    expect(median([5, Number.NaN, 1])).toBe(3); // (1 + 5) / 2
    expect(median([])).toBeNull();
    expect(mad([])).toBeNull();
    expect(madScaled([])).toBeNull();
    expect(robustStats([Number.NaN])).toBeNull();
  });

  it('[1, 2, 3, 4, 100]: median 3, |dev| = 2,1,0,1,97 → MAD 1, meanAD 101/5', () => {
    expect(robustStats([1, 2, 3, 4, 100])).toEqual({ count: 5, median: 3, mad: 1, meanAbsDev: 101 / 5 });
    expect(madScaled([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 12);
  });

  it('negative and decimal values: [−1.5, 0.25, 2.75] → median 0.25, |dev| = 1.75, 0, 2.5 → MAD 1.75', () => {
    expect(mad([-1.5, 0.25, 2.75])).toBeCloseTo(1.75, 14);
    expect(mad([0.1, 0.2, 0.29])).toBeCloseTo(0.09, 14); // |dev| = 0.1, 0, 0.09 → median 0.09
  });

  it('all equal values have MAD 0', () => {
    expect(robustStats([7, 7, 7])).toEqual({ count: 3, median: 7, mad: 0, meanAbsDev: 0 });
  });
});

describe('robustZ', () => {
  it('is 0.6745 (x − median) / MAD', () => {
    const s = robustStats([1, 2, 3, 4, 100])!;
    expect(robustZ(100, s)).toBeCloseTo((0.6745 * 97) / 1, 12); // 65.4265
    const d = robustStats([-1.5, 0.25, 2.75])!;
    expect(robustZ(-5, d)).toBeCloseTo((0.6745 * (-5 - 0.25)) / 1.75, 12); // −2.0235
  });

  it('falls back to the mean absolute deviation when MAD is 0', () => {
    const s = robustStats([0, 0, 0, 0, 5])!; // median 0, |dev| = 0,0,0,0,5 → MAD 0, meanAD 1
    expect(s.mad).toBe(0);
    expect(robustZ(10, s)).toBeCloseTo(10 / (1.253314 * 1), 12); // 7.9788
  });

  it('on a constant baseline scores the same value 0 and anything else null', () => {
    const s = robustStats([7, 7, 7])!;
    expect(robustZ(7, s)).toBe(0);
    expect(robustZ(8, s)).toBeNull();
  });
});

describe('rollingBaseline', () => {
  it('uses the preceding window only, null until minCount points exist', () => {
    const b = rollingBaseline([1, 2, 3, 100, 5], { window: 3, minCount: 2 });
    expect(b[0]).toBeNull();
    expect(b[1]).toBeNull();
    expect(b[2]).toMatchObject({ count: 2, median: 1.5, mad: 0.5 }); // [1, 2]
    expect(b[3]).toMatchObject({ count: 3, median: 2, mad: 1 }); // [1, 2, 3]
    expect(b[4]).toMatchObject({ count: 3, median: 3, mad: 1 }); // [2, 3, 100]: |dev| = 1, 0, 97
    expect(robustZ(100, b[3]!)).toBeCloseTo(0.6745 * 98, 12); // the spike is not part of its own baseline
  });

  it('does not count missing points towards minCount', () => {
    const b = rollingBaseline([1, Number.NaN, 3, 4], { window: 2, minCount: 2 });
    expect(b.map((s) => s?.count ?? null)).toEqual([null, null, null, null]); // windows hold ≤ 1 finite point
    expect(rollingBaseline([], { window: 3, minCount: 1 })).toEqual([]);
  });

  it('rejects a bad window or minCount', () => {
    expect(() => rollingBaseline([1], { window: 0, minCount: 1 })).toThrow(RangeError);
    expect(() => rollingBaseline([1], { window: 2, minCount: 3 })).toThrow(RangeError);
  });
});

describe('robustStats against its definition', () => {
  it('gives the median, MAD and mean absolute deviation of the plain sorted-array computation, bit for bit', () => {
    const mid = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    };
    const rng = createRng(15);
    for (let trial = 0; trial < 300; trial++) {
      const values = Array.from({ length: 1 + Math.floor(rng() * 60) }, () => {
        const u = rng();
        return u < 0.1 ? Number.NaN : u < 0.2 ? Number.POSITIVE_INFINITY : Math.log(1 + Math.floor(rng() * 30)) - 1.5;
      });
      const finite = values.filter(Number.isFinite);
      const s = robustStats(values);
      if (finite.length === 0) {
        expect(s).toBeNull();
        continue;
      }
      const m = mid(finite);
      const dev = finite.map((x) => Math.abs(x - m));
      expect(s, `trial ${trial}`).toEqual({
        count: finite.length,
        median: m,
        mad: mid(dev),
        meanAbsDev: dev.reduce((a, b) => a + b, 0) / finite.length,
      });
      expect(median(values)).toBe(m);
    }
  });
});
