import { describe, expect, it } from 'vitest';
import { defaultQuarter, parseQuarter, parseRange, previousPeriod } from '../../src/periods/quarters.ts';
import { UserError } from '../../src/errors.ts';

describe('periods', () => {
  it('parses quarters as half-open calendar quarters', () => {
    expect(parseQuarter('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-04-01', kind: 'quarter' });
    expect(parseQuarter('2025q4')).toEqual({ from: '2025-10-01', to: '2026-01-01', kind: 'quarter' });
  });

  it.each(['2026Q5', '2026Q0', '26Q1', '2026-Q1', ''])('rejects %j as a quarter with a UserError (exit 2)', (q) => {
    try {
      parseQuarter(q);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).exitCode).toBe(2);
      expect((e as UserError).message).toContain('--quarter');
    }
  });

  it('previous quarter, previous months, or an equal-length range ending at from', () => {
    expect(previousPeriod(parseQuarter('2026Q1'))).toEqual({ from: '2025-10-01', to: '2026-01-01', kind: 'quarter' });
    // February (28 days) → January, not the 28 days before: metrics.md "previous month".
    expect(previousPeriod(parseRange('2026-02-01', '2026-03-01'))).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
      kind: 'months',
    });
    // A quarter given as dates is a quarter.
    expect(parseRange('2026-04-01', '2026-07-01').kind).toBe('quarter');
    // 10 days → the 10 days before.
    expect(previousPeriod(parseRange('2026-03-05', '2026-03-15'))).toEqual({
      from: '2026-02-23',
      to: '2026-03-05',
      kind: 'range',
    });
  });

  it('rejects bad ranges', () => {
    expect(() => parseRange('2026-03-01', undefined)).toThrow(/--from and --to go together/);
    expect(() => parseRange('2026-03-01', '2026-03-01')).toThrow(/not after/);
    expect(() => parseRange('2026-02-30', '2026-03-01')).toThrow(/not a date/);
    expect(() => parseRange('2026/02/01', '2026-03-01')).toThrow(/not a date/);
  });

  it('defaults to the latest quarter the data covers completely', () => {
    expect(defaultQuarter('2024-01-01 00:00:00', '2026-04-01 05:59:52')).toMatchObject({
      from: '2026-01-01',
      to: '2026-04-01',
    });
    // An export taken on the quarter's last day covers that quarter.
    expect(defaultQuarter('2024-01-01 00:00:00', '2026-03-31 18:00:00')).toMatchObject({
      from: '2026-01-01',
      to: '2026-04-01',
    });
    expect(defaultQuarter('2024-01-01 00:00:00', '2026-03-15 18:00:00')).toMatchObject({
      from: '2025-10-01',
      to: '2026-01-01',
    });
    // No complete quarter at all: the quarter of the last row rather than an empty one.
    expect(defaultQuarter('2026-02-01 00:00:00', '2026-03-15 18:00:00')).toMatchObject({
      from: '2026-01-01',
      to: '2026-04-01',
    });
  });
});
