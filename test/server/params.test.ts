import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.ts';
import { quartersOf } from '../../src/server/history.ts';
import { parseQuery, quarterPeriod, ReportPageQuery } from '../../src/server/params.ts';

describe('parseQuery', () => {
  it('takes the first value of each parameter and ignores unknown ones (such as the token)', () => {
    expect(parseQuery(ReportPageQuery, new URLSearchParams('quarter=2026Q1&quarter=2030Q9&lang=en&token=x'))).toEqual({
      quarter: '2026Q1',
      lang: 'en',
    });
  });
  it('names every bad parameter in one UserError with exit code 2', () => {
    try {
      parseQuery(ReportPageQuery, new URLSearchParams('quarter=26Q1&lang=de'));
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e) && e.exitCode).toBe(2);
      expect((e as Error).message).toMatch(/^quarter: .*\(got "26Q1"\); lang: .*\(got "de"\)$/);
    }
  });
});

describe('quarterPeriod', () => {
  it('cuts [from, to) on quarter boundaries, the fourth into the next year', () => {
    expect(quarterPeriod('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(quarterPeriod('2025Q4')).toEqual({ from: '2025-10-01', to: '2026-01-01' });
  });
});

describe('quartersOf', () => {
  const totals = (first: string, last: string) => ({
    rows: 1,
    accounts: 1,
    first,
    last,
    issued: 0,
    outstanding: 0,
    rejects: 0,
  });
  it('lists the quarters newest first and preselects the newest complete one', () => {
    // data to 2026-03-31 23:59: 2026Q1 is complete
    expect(quartersOf(totals('2025-11-02 08:00:00', '2026-03-31 23:59:00'))).toEqual({
      quarters: ['2026Q1', '2025Q4'],
      latestComplete: '2026Q1',
    });
    // data to 2026-05-10: 2026Q2 is still being filled, so 2026Q1
    expect(quartersOf(totals('2025-11-02 08:00:00', '2026-05-10 12:00:00'))).toEqual({
      quarters: ['2026Q2', '2026Q1', '2025Q4'],
      latestComplete: '2026Q1',
    });
    expect(quartersOf({ ...totals('', ''), first: null, last: null })).toEqual({ quarters: [], latestComplete: null });
  });
});
