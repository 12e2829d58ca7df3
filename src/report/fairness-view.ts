import type { Database } from '../db/database.ts';
import { checkScope, type Scope } from '../db/scope.ts';
import { scopeParams } from '../db/query-types.ts';
import { oneRollupRow, withPeriodReads, withSharedPasses } from '../db/shared-passes.ts';
import { storedConfig, type ProgramConfig } from '../config.ts';
import { parseRange, type Period } from '../periods/quarters.ts';
import { DEFAULT_BOOTSTRAP } from '../stats/bootstrap.ts';
import { periodGiniInterval } from './intervals.ts';
import { byAttribute } from './by-attribute.ts';
import { distribution, inequalityOf } from './queries-fairness.ts';
import { FairnessView, type ByAttribute } from './schema.ts';

export interface FairnessOptions {
  /** [from, to) in whole days. */
  period: { from: string; to: string };
  by?: string;
  filter?: Scope;
  /** Most points of the Lorenz curve (default 200, as the report). */
  lorenzPoints?: number;
}

/** A Fairness view, checked: its period and the program settings it is judged by. */
export interface FairnessPlan {
  opts: FairnessOptions;
  period: Period;
  config: ProgramConfig;
}

/**
 * Numbers first, and only the Fairness page's: one pass over the period's per-account sums (the account × month
 * rollup for a month-aligned period), read by the distribution and the group breakdown. The bootstrap interval is
 * its own request (fairnessInterval).
 */
export async function fairnessView(db: Database, opts: FairnessOptions): Promise<FairnessView> {
  return fairnessTogether(db, await fairnessPlan(db, opts));
}

/** Both parts of a view on one connection, over per-account sums made once for both. */
export const fairnessTogether = (db: Database, plan: FairnessPlan) =>
  withSharedPasses(db, { periods: [plan.period], scope: plan.opts.filter, reads: [plan.period] }, async () =>
    fairnessAnswer(plan, await fairnessDistribution(db, plan), await fairnessGroups(db, plan)),
  );

/** Checks the view's period and filter and reads the settings it is judged by. */
export async function fairnessPlan(db: Database, opts: FairnessOptions): Promise<FairnessPlan> {
  const period = parseRange(opts.period.from, opts.period.to);
  const config = await storedConfig(db);
  await checkScope(db, opts.filter);
  return { opts, period, config };
}

/**
 * True when the distribution and the group breakdown share no work: one month or one quarter is its rollup's rows as
 * they are (views/37), so each may run on a connection of its own at once. Within a filter too: each reads the
 * filter's accounts of those rows, which costs no more than the copy of them that fairnessTogether would make for
 * both (the same CPU at 10 M rows, paired), and the two then run side by side.
 */
export const fairnessSharesNothing = (plan: FairnessPlan) => oneRollupRow(plan.period);

/**
 * The period's distribution (distribution.sql): inequality figures and the Lorenz curve; alone on a connection, with
 * the period read as plain reads (withPeriodReads).
 */
export const fairnessDistribution = (db: Database, { period, opts }: FairnessPlan) =>
  withPeriodReads(db, [period], () =>
    distribution(db, {
      from: period.from,
      to: period.to,
      ...scopeParams(opts.filter),
      max_points: opts.lorenzPoints ?? 200,
      values: false,
    }),
  );

/** The group breakdown (group_fairness.sql), when the view asks for one; alone on a connection, as the distribution. */
export const fairnessGroups = (db: Database, { period, opts, config }: FairnessPlan) => {
  const by = opts.by;
  return by
    ? withPeriodReads(db, [period], () => byAttribute(db, period, by, null, config, opts.filter))
    : Promise.resolve(undefined);
};

/** The view's answer from its distribution and group breakdown. */
export function fairnessAnswer(
  { period, opts, config }: FairnessPlan,
  d: Awaited<ReturnType<typeof distribution>>,
  by: ByAttribute | undefined,
): FairnessView {
  return FairnessView.parse({
    period: { from: period.from, to: period.to },
    ...inequalityOf(d),
    population_issued: d.total,
    ...(by ? { by } : {}),
    filter: opts.filter ?? null,
    series: { lorenz: d.lorenz.map(({ p: share, l }) => ({ p: share, l })) },
    settings: { fairness: config.fairness, bootstrap: DEFAULT_BOOTSTRAP },
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
