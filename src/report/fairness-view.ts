import type { Database } from '../db/database.ts';
import { checkScope, type Scope } from '../db/scope.ts';
import { scopeParams } from '../db/query-types.ts';
import { withSharedPasses } from '../db/shared-passes.ts';
import { storedConfig } from '../config.ts';
import { parseRange } from '../periods/quarters.ts';
import { DEFAULT_BOOTSTRAP } from '../stats/bootstrap.ts';
import { periodGiniInterval } from './intervals.ts';
import { byAttribute } from './by-attribute.ts';
import { distribution, inequalityOf } from './queries-fairness.ts';
import { FairnessView } from './schema.ts';

export interface FairnessOptions {
  /** [from, to) in whole days. */
  period: { from: string; to: string };
  by?: string;
  filter?: Scope;
  /** Most points of the Lorenz curve (default 200, as the report). */
  lorenzPoints?: number;
}

/**
 * Numbers first, and only the Fairness page's: one pass over the period's per-account sums (the account × month
 * rollup for a month-aligned period), read by the distribution and the group breakdown. The bootstrap interval is
 * its own request (fairnessInterval).
 */
export async function fairnessView(db: Database, opts: FairnessOptions): Promise<FairnessView> {
  const period = parseRange(opts.period.from, opts.period.to);
  const config = await storedConfig(db);
  await checkScope(db, opts.filter);
  const p = { from: period.from, to: period.to, ...scopeParams(opts.filter) };
  return withSharedPasses(db, { periods: [period], scope: opts.filter }, async () => {
    const d = await distribution(db, { ...p, max_points: opts.lorenzPoints ?? 200, values: false });
    const by = opts.by ? await byAttribute(db, period, opts.by, null, config, opts.filter) : undefined;
    return FairnessView.parse({
      period: { from: period.from, to: period.to },
      ...inequalityOf(d),
      population_issued: d.total,
      ...(by ? { by } : {}),
      filter: opts.filter ?? null,
      series: { lorenz: d.lorenz.map(({ p: share, l }) => ({ p: share, l })) },
      settings: { fairness: config.fairness, bootstrap: DEFAULT_BOOTSTRAP },
    });
  });
}

/**
 * The bootstrap interval of the period's Gini (the report's gini_ci for the same period and filter: the same values,
 * seed and resamples), asked for after the numbers: one period's bootstrap, not the report's two.
 */
export async function fairnessInterval(
  db: Database,
  opts: Pick<FairnessOptions, 'period' | 'filter'>,
): Promise<{
  period: { from: string; to: string };
  gini_ci: [number, number] | null;
  bootstrap: typeof DEFAULT_BOOTSTRAP;
}> {
  const period = parseRange(opts.period.from, opts.period.to);
  await checkScope(db, opts.filter);
  const gini_ci = await (await periodGiniInterval(db, period, opts.filter)).interval;
  return { period: { from: period.from, to: period.to }, gini_ci, bootstrap: DEFAULT_BOOTSTRAP };
}
