import type { LoaderContext } from '../context.ts';
import { byAttribute } from '../../report/by-attribute.ts';
import { attributes } from '../../queries/attributes.ts';
import { distribution } from '../../report/queries-fairness.ts';
import { giniByQuarter } from '../../report/trends.ts';
import { bootstrapGini, DEFAULT_BOOTSTRAP } from '../../stats/bootstrap.ts';
import { theilParts } from '../tables.ts';

/** The two attributes the deep dive splits by when the database has them; else the first usable ones. */
const PREFERRED = ['department', 'region'];
/** An attribute with more values than this (names, dates) is an identifier, not a group. */
const MAX_GROUPS = 30;

/**
 * notebooks/fairness.html: the quarter's distribution (queries/distribution.sql, the report's Gini), its Lorenz
 * curve, the Gini's bootstrap interval, Theil T split between and within the groups of two attributes, and each
 * group's mean with its 95 % interval (queries/group_fairness.sql through src/report/by-attribute.ts).
 */
export async function fairness({ db, period, config }: LoaderContext) {
  const p = { from: period.from, to: period.to };
  const d = await distribution(db, { ...p, max_points: 200 });
  const usable = (await attributes(db))
    .filter((a) => a.distinct_values >= 2 && a.distinct_values <= MAX_GROUPS)
    .map((a) => a.attribute);
  const chosen = [
    ...PREFERRED.filter((a) => usable.includes(a)),
    ...usable.filter((a) => !PREFERRED.includes(a)),
  ].slice(0, 2);
  const groups = [];
  for (const attribute of chosen) groups.push(await byAttribute(db, p, attribute, null, config));
  const { issued_sorted, ...summary } = d;
  return {
    period,
    distribution: summary,
    // The same seed and resamples as `ledger-lens report`, so the interval matches its gini_ci.
    gini_ci: bootstrapGini(issued_sorted, DEFAULT_BOOTSTRAP),
    bootstrap: DEFAULT_BOOTSTRAP,
    band: {
      low: config.fairness.disparity_low,
      high: config.fairness.disparity_high,
      min_group_size: config.fairness.min_group_size,
      gini_warning: config.fairness.gini_warning,
    },
    by: groups,
    // Theil T of each attribute long, between and within groups: the stacked bars of the Theil chart.
    theil_parts: theilParts(groups).objects(),
    trend: await giniByQuarter(db),
    queries: ['distribution', 'attributes', 'group_fairness'],
  };
}
