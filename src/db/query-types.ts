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
  scope_value: z.string().nullable().default(null),
});

export const DayPeriodParams = z.object({ from: Day, to: Day }).merge(ScopeParams);

/** `--filter department=研发部` as the two bound params every metric file takes. */
export function scopeParams(scope: { attribute: string; value: string } | undefined): {
  scope_attribute: string | null;
  scope_value: string | null;
} {
  return { scope_attribute: scope?.attribute ?? null, scope_value: scope?.value ?? null };
}
