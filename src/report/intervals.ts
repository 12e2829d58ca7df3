import type { Database } from '../db/database.ts';
import type { Scope } from '../db/scope.ts';
import { scopeParams } from '../db/query-types.ts';
import { DEFAULT_BOOTSTRAP } from '../stats/bootstrap.ts';
import { bootstrapGiniOffThread, startBootstrapThread } from '../stats/bootstrap-thread.ts';
import { reportPeriods, type ReportOptions } from './build.ts';
import type { BootstrapSettings } from './period-metrics.ts';
import { distribution } from './queries-fairness.ts';
import { runInSlices } from './slices.ts';

type Interval = [number, number] | null;

/**
 * The Gini's bootstrap interval of one period's fairness population: the values the report's distribution gives,
 * resampled with the report's seed, so it equals the report's gini_ci for the same period and filter. Resolves to the
 * running bootstrap once the values are read (the connection is free again then).
 */
export async function periodGiniInterval(
  db: Database,
  period: { from: string; to: string },
  filter: Scope | undefined,
): Promise<{ interval: Promise<Interval> }> {
  const d = await distribution(db, { from: period.from, to: period.to, ...scopeParams(filter), max_points: 2 });
  const interval = bootstrapGiniOffThread(d.issued_sorted, DEFAULT_BOOTSTRAP, (job) => runInSlices([job]));
  interval.catch(() => undefined); // awaited by the caller; this only keeps a failure from counting as unhandled meanwhile
  return { interval };
}

/**
 * The report's two intervals alone (the Health page asks for them after the numbers): gini_ci and previous.gini_ci of
 * `buildReport` for the same period and filter, without its other queries. The period before's values are read while
 * the period's are resampled.
 */
export async function reportIntervals(
  db: Database,
  opts: Pick<ReportOptions, 'period' | 'filter'>,
): Promise<{
  period: { from: string; to: string };
  gini_ci: Interval;
  previous: { period: { from: string; to: string }; gini_ci: Interval };
  bootstrap: BootstrapSettings;
}> {
  startBootstrapThread();
  const { period, previous } = await reportPeriods(db, opts);
  const current = await periodGiniInterval(db, period, opts.filter);
  const before = await periodGiniInterval(db, previous, opts.filter);
  return {
    period: { from: period.from, to: period.to },
    gini_ci: await current.interval,
    previous: { period: { from: previous.from, to: previous.to }, gini_ci: await before.interval },
    bootstrap: { ...DEFAULT_BOOTSTRAP },
  };
}
