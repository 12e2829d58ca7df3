import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  lastDay,
  monthPeriod,
  monthsBetween,
  quarterOf,
  quarterPeriod,
  quartersBetween,
} from '../src/dates.ts';

describe('calendar arithmetic (src/dates.ts)', () => {
  it('shifts days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29'); // 2024 is a leap year
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-12-31', '2026-03-01')).toBe(60); // 1 + 31 + 28
    expect(lastDay('2026-04-01')).toBe('2026-03-31');
  });

  it('names quarters and months as half-open periods', () => {
    expect(quarterOf('2026-05-12')).toBe('2026Q2');
    expect(quarterOf('2026-12')).toBe('2026Q4');
    expect(quarterPeriod('2026Q4')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(quartersBetween('2024-10-01 12:15:05', '2025-04-02')).toEqual(['2024Q4', '2025Q1', '2025Q2']);
    expect(monthsBetween('2025-11-30', '2026-02-01 08:00:00')).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });
});
