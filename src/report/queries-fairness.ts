import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { type NarrowedRow, run } from '../db/run.ts';
import { DayPeriodParams, one } from '../db/query-types.ts';

/** Typed calls of the fairness queries (queries/*.sql); their rows are typed and checked by the files' headers. */

const DistributionParams = DayPeriodParams.extend({
  max_points: z.number().int().positive(),
  /** false: issued_sorted comes back empty (only the bootstrap needs every value). Default true. */
  values: z.boolean().nullable().optional(),
});
// The report's population is one of two kinds (PeriodMetrics.population.kind); the header says VARCHAR.
const distributionKind = { population_kind: z.enum(['roster', 'active']) };
export const distribution = async (db: Database, p: z.input<typeof DistributionParams>) =>
  one('distribution', await run(db, 'distribution', DistributionParams, p, distributionKind));

/** A distribution row's figures as the report and the Fairness page name them (PeriodMetrics). */
export const inequalityOf = (d: NarrowedRow<'distribution', typeof distributionKind>) => ({
  population: { kind: d.population_kind, n: d.n, zeros: d.zeros, not_on_roster: d.not_on_roster },
  gini: d.gini,
  gini_nonzero: d.gini_nonzero,
  gini_nonzero_n: d.n_nonzero,
  theil: d.theil,
  top10_share: d.top10_share,
  zero_share: d.zero_share,
});

/** Every quarter's n, Gini and Gini over non-zero in [from, to) (quarter starts), as distribution gives them. */
export const giniTrend = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'gini_trend', DayPeriodParams, p);

export const participantIssued = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'participant_issued', DayPeriodParams, p);

const GroupParams = DayPeriodParams.extend({
  attribute: z.string().min(1),
  reference: z.string().nullable(),
  min_group_size: z.number().int().positive(),
  low: z.number(),
  high: z.number(),
});
export const groupFairness = (db: Database, p: z.input<typeof GroupParams>) =>
  run(db, 'group_fairness', GroupParams, p);
