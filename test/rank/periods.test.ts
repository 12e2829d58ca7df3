import { describe, expect, it } from 'vitest';
import { defaultRankPeriod, periodBefore, periodContaining, resolveRankPeriod } from '../../src/periods/ranking.ts';
import { parseIsoDay } from '../../src/periods/quarters.ts';
import { UserError } from '../../src/errors.ts';

const day = (s: string) => parseIsoDay('test', s);

describe('ranking periods', () => {
  it('weeks are ISO weeks, Monday to Sunday', () => {
    expect(periodContaining('week', day('2026-03-04'))).toEqual({ from: '2026-03-02', to: '2026-03-09' }); // a Wednesday
    expect(periodContaining('week', day('2026-03-08'))).toEqual({ from: '2026-03-02', to: '2026-03-09' }); // its Sunday
    expect(periodContaining('week', day('2026-01-01'))).toEqual({ from: '2025-12-29', to: '2026-01-05' }); // across a year
  });

  it('months, quarters and years are calendar ones; the period before is the same kind', () => {
    expect(periodContaining('month', day('2026-02-28'))).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(periodContaining('quarter', day('2026-05-31'))).toEqual({ from: '2026-04-01', to: '2026-07-01' });
    expect(periodContaining('year', day('2026-12-31'))).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(periodBefore('month', { from: '2026-01-01', to: '2026-02-01' })).toEqual({
      from: '2025-12-01',
      to: '2026-01-01',
    });
    expect(periodBefore('quarter', { from: '2026-01-01', to: '2026-04-01' })).toEqual({
      from: '2025-10-01',
      to: '2026-01-01',
    });
    expect(periodBefore('week', { from: '2026-03-02', to: '2026-03-09' })).toEqual({
      from: '2026-02-23',
      to: '2026-03-02',
    });
  });

  it('defaults to the latest complete period: the last to end by the day after the last row', () => {
    // last row on March 31: April 1 starts a new month, so March is complete
    expect(defaultRankPeriod('month', '2025-01-05', '2026-03-31')).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    // last row on March 30: March is not over, February is the latest complete month
    expect(defaultRankPeriod('month', '2025-01-05', '2026-03-30')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    // last row on Sunday 2026-03-29 completes that week
    expect(defaultRankPeriod('week', '2025-01-05', '2026-03-29')).toEqual({ from: '2026-03-23', to: '2026-03-30' });
    // data only inside 2026 (no complete year with data): the year of the last row
    expect(defaultRankPeriod('year', '2026-02-01', '2026-05-31')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    // all time: the whole span, to exclusive
    expect(defaultRankPeriod('all', '2026-02-01', '2026-05-31')).toEqual({ from: '2026-02-01', to: '2026-06-01' });
  });

  it('--at picks the period containing the day; for all it ends the span; a bad date is a UserError', () => {
    expect(resolveRankPeriod('quarter', '2025-11-15', '2025-01-01', '2026-03-31')).toEqual({
      from: '2025-10-01',
      to: '2026-01-01',
    });
    expect(resolveRankPeriod('all', '2025-11-15', '2025-01-01', '2026-03-31')).toEqual({
      from: '2025-01-01',
      to: '2025-11-16',
    });
    expect(() => resolveRankPeriod('month', '2026-02-30', '2025-01-01', '2026-03-31')).toThrow(UserError);
  });
});
