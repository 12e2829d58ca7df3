import type { Database } from '../../src/db/database.ts';
import { loadQuery } from '../../src/db/run.ts';
import { sqlRows } from '../../src/db/sql.ts';

export type MetricParams = Record<string, string | number | null>;

/**
 * Each metric file's rows for its params and a scope (null: unfiltered), as a request runs them: through sqlRows,
 * which runs a statement again on the defaults where a closed request's lean definitions miss (src/db/sql.ts).
 */
export async function metricAnswers(
  db: Database,
  cases: [string, MetricParams][],
  scope: { attribute: string; value: string } | null | undefined,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [id, p] of cases) {
    const { sql, header } = loadQuery(id);
    const all: MetricParams = { ...p, scope_attribute: scope?.attribute ?? null, scope_value: scope?.value ?? null };
    out[id] = await sqlRows(db, sql, Object.fromEntries(header.params.map((n) => [n, all[n] ?? null])));
  }
  return out;
}
