import type { DuckDBValue } from '@duckdb/node-api';
import { duckdbApi } from './duckdb.ts';
import { z } from 'zod';

/** Shared zod pieces for query params and rows (queries/*.sql headers). */

/** A TIMESTAMP param: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS[.fff]]`, wall-clock in the program time zone. */
export const Timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/, 'expected YYYY-MM-DD[ HH:MM:SS]');

export const PeriodParams = z.object({ from: Timestamp, to: Timestamp });

/** Counts are cast to INTEGER in SQL, so they arrive as plain numbers. */
export const int = z.number().int();

/** A DOUBLE that SQL leaves null when it cannot be computed (never NaN: z.number() rejects it). */
export const nullableNumber = z.number().nullable();

/** The single row of a one-row query. */
export function one<T>(queryId: string, rows: T[]): T {
  if (rows.length !== 1) throw new Error(`queries/${queryId}.sql returned ${rows.length} rows, expected exactly one`);
  return rows[0];
}

/** A DATE param: rollups are kept by day, so the metrics that read them take whole days. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD (metrics read day rollups)');

/** The page filter as bound values (queries/views/35_scope.sql); null attribute = unfiltered. */
export const ScopeParams = z.object({
  scope_attribute: z.string().nullable().default(null),
  // One VARCHAR, or a DuckDB list of them (a scope of several values; see boundScopeValue).
  scope_value: z.custom<DuckDBValue>().nullable().default(null),
});

export const DayPeriodParams = z.object({ from: Day, to: Day }).merge(ScopeParams);

/** `--filter department=研发部` (or a scope of several values) as the two bound params every metric file takes. */
export function scopeParams(scope: { attribute: string; value: string | readonly string[] } | undefined): {
  scope_attribute: string | null;
  scope_value: DuckDBValue;
} {
  return { scope_attribute: scope?.attribute ?? null, scope_value: scope ? boundScopeValue(scope.value) : null };
}

/** A VARCHAR, or a VARCHAR[] list that ll_in_scope (queries/views/35_scope.sql) accepts as well. */
export function boundScopeValue(value: string | readonly string[]): DuckDBValue {
  if (typeof value === 'string') return value;
  // An empty list has no item type DuckDB could bind, and a scope of nobody is a mistake in the users file.
  if (value.length === 0) throw new Error('a scope needs at least one value');
  return duckdbApi.listValue([...value]);
}
