import { describe, expect, it } from 'vitest';
import { theil, theilDecomposition } from '../../src/stats/theil.ts';
import { loadMexico, YEARS } from '../fixtures/inequality/mexico.ts';

// pysal/inequality test_theil.py: Theil T and TheilD bg by hanson98; wg from the TheilD docstring.
const T = [0.20894344, 0.15222451, 0.10472941, 0.10194725, 0.09560113, 0.10511256, 0.10660832];
const BG = [0.0345889, 0.02816853, 0.05260921, 0.05931219, 0.03205257, 0.02963731, 0.03635872];
const WG = [0.17435454, 0.12405598, 0.0521202, 0.04263506, 0.06354856, 0.07547525, 0.0702496];

describe('theil', () => {
  const mexico = loadMexico();

  it.each(YEARS.map((y, i) => [y, i]))('PySAL Theil T and TheilD for pcgdp%i', (year, i) => {
    const x = mexico.map((s) => s.pcgdp[year]);
    const d = theilDecomposition(
      x,
      mexico.map((s) => s.hanson98),
    );
    expect(Math.abs((theil(x) as number) - T[i])).toBeLessThan(1e-7);
    expect(Math.abs((d.between as number) - BG[i])).toBeLessThan(1e-7);
    expect(Math.abs((d.within as number) - WG[i])).toBeLessThan(1e-7);
    expect(d.betweenShare as number).toBeCloseTo((d.between as number) / (d.theil as number), 14);
  });

  it('PySAL toy case: y = [0,0,0,10,10,10] → T = bg = ln 2, wg = 0', () => {
    const d = theilDecomposition([0, 0, 0, 10, 10, 10], [0, 0, 0, 1, 1, 1]);
    expect(d.theil as number).toBeCloseTo(Math.LN2, 14);
    expect(d.between as number).toBeCloseTo(Math.LN2, 14);
    expect(d.within as number).toBeCloseTo(0, 14);
  });

  it('is 0 for equal values; null for none or all zeros', () => {
    expect(theil([4, 4, 4])).toBe(0);
    expect(theil([])).toBeNull();
    expect(theil([0, 0])).toBeNull();
    expect(theilDecomposition([0, 0], ['a', 'b'])).toEqual({
      theil: null,
      between: null,
      within: null,
      betweenShare: null,
    });
  });

  it('a grouping with one group explains nothing', () => {
    const d = theilDecomposition([1, 2, 3], ['g', 'g', 'g']);
    expect(d.between).toBe(0);
    expect(d.within).toBe(d.theil);
  });
});
