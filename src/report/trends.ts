import type { Database } from '../db/database.ts';
import { checkScope, type Scope } from '../db/scope.ts';
import { scopeParams } from '../db/query-types.ts';
import { dataRange } from '../queries/data-range.ts';
import { cohortRetention } from './queries-health.ts';
import { giniTrend } from './queries-fairness.ts';
import { addDays, quartersBetween, quarterPeriod } from '../dates.ts';

/** One quarter's Gini over its fairness population, and over the accounts that earned (metrics.md). */
export interface GiniPoint {
  quarter: string;
  from: string;
  to: string;
  n: number;
  gini: number | null;
  gini_nonzero: number | null;
  /** The quarter is cut by the data's first or last day: its Gini covers less than three months. */
  partial: boolean;
}

/** The Gini of every calendar quarter the data touches, oldest first: the fairness page's trend (one query). */
export async function giniByQuarter(db: Database, filter?: Scope): Promise<GiniPoint[]> {
  await checkScope(db, filter);
  const range = await dataRange(db);
  if (!range.first_at || !range.last_at) return [];
  const quarters = quartersBetween(range.first_at, range.last_at).map((quarter) => ({
    quarter,
    ...quarterPeriod(quarter),
  }));
  const rows = await giniTrend(db, {
    from: quarters[0].from,
    to: quarters[quarters.length - 1].to,
    ...scopeParams(filter),
  });
  const byStart = new Map(rows.map((r) => [r.quarter.toISOString().slice(0, 10), r]));
  return quarters.map(({ quarter, from, to }) => {
    const d = byStart.get(from);
    return {
      quarter,
      from,
      to,
      n: d?.n ?? 0,
      gini: d?.gini ?? null,
      gini_nonzero: d?.gini_nonzero ?? null,
      partial: range.first_at!.slice(0, 10) > from || range.last_at!.slice(0, 10) < addDays(to, -1),
    };
  });
}

export interface CohortCell {
  cohort: string;
  k: number;
  cohort_size: number;
  active: number;
  share: number | null;
}

/** Monthly cohorts of the 12 months up to `to` and their activity k months later: the health page's heatmap. */
export async function cohortGrid(db: Database, p: { to: string }, filter?: Scope): Promise<CohortCell[]> {
  const to = new Date(`${p.to}T00:00:00Z`);
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1)).toISOString().slice(0, 10);
  await checkScope(db, filter);
  const rows = await cohortRetention(db, { from, to: p.to, ...scopeParams(filter) });
  return rows.map((r) => ({ ...r, cohort: r.cohort.toISOString().slice(0, 7) }));
}
