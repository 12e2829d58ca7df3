// ClickHouse's Date text as a DuckDB DATE value, for the roster's appender (no time zone involved).
import type { DuckDBDateValue } from '@duckdb/node-api';
import { duckdbApi } from '../duckdb.ts';

/** "YYYY-MM-DD" as a DuckDB DATE; ClickHouse's zero date (its default for a missing value) is no date. */
export function dateValue(text: string | null): DuckDBDateValue | null {
  if (text === null || text === '0000-00-00') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a Date: ${text}`);
  return new duckdbApi.DuckDBDateValue(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000);
}
