// Exact conversions of ClickHouse's text forms (toString of Decimal, DateTime, Date) into DuckDB values: no number
// passes through a float, no time through a time zone.
import { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue } from '@duckdb/node-api';

/** Text of a ClickHouse Decimal / integer (e.g. "-12.5") as a DECIMAL(18,2) value, exactly. */
export function decimalValue(text: string): DuckDBDecimalValue {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return new DuckDBDecimalValue(m[1] ? -cents : cents, 18, 2);
}

/** "YYYY-MM-DD HH:MM:SS" wall-clock text as a DuckDB TIMESTAMP of the same wall-clock time (no zone shift). */
export function timestampValue(text: string): DuckDBTimestampValue {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a DateTime: ${text}`);
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return new DuckDBTimestampValue(BigInt(ms) * 1000n);
}

/** "YYYY-MM-DD" as a DuckDB DATE; ClickHouse's zero date (its default for a missing value) is no date. */
export function dateValue(text: string | null): DuckDBDateValue | null {
  if (text === null || text === '0000-00-00') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a Date: ${text}`);
  return new DuckDBDateValue(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000);
}

