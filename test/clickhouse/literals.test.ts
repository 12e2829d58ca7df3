// The literals demand.ts writes into ClickHouse conditions besides strings: times and numbers are validated first,
// so a value that is not one never reaches the server as SQL.
import { describe, expect, it } from 'vitest';
import { chNumber, chTimestamp } from '../../src/db/clickhouse/literal.ts';

describe('chTimestamp', () => {
  it('writes a date or a wall-clock time as a full timestamp string', () => {
    expect(chTimestamp('2026-07-01')).toBe("'2026-07-01 00:00:00'");
    expect(chTimestamp('2026-07-01 08:30')).toBe("'2026-07-01 08:30:00'");
    expect(chTimestamp('2026-07-01T08:30:15')).toBe("'2026-07-01 08:30:15'");
  });

  it('refuses anything else', () => {
    for (const bad of ["2026-07-01' OR 1 = 1 --", '2026-7-1', '', null, 20260701])
      expect(() => chTimestamp(bad)).toThrow(/not a timestamp/);
  });
});

describe('chNumber', () => {
  it('writes finite numbers and bigints, and refuses the rest', () => {
    expect(chNumber(600)).toBe('600');
    expect(chNumber(10n)).toBe('10');
    expect(Number(chNumber(0.05))).toBe(0.05);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '1; DROP TABLE x', null])
      expect(() => chNumber(bad)).toThrow(/not a finite number/);
  });
});
