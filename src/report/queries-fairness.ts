import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { DayPeriodParams, int, nullableNumber as num, one } from '../db/query-types.ts';

/** Typed calls of the fairness queries (queries/*.sql); each row schema mirrors the file's `returns` header. */

export const DistributionRow = z.object({
  population_kind: z.enum(['roster', 'active']),
  n: int,
  not_on_roster: int,
  zeros: int,
  zero_share: num,
  total: num,
  mean: num,
  gini: num,
  n_nonzero: int,
  gini_nonzero: num,
  theil: num,
  top10_share: num,
  lorenz: z.array(z.object({ k: int, p: z.number(), l: z.number() })),
  issued_sorted: z.array(z.number()),
});
const DistributionParams = DayPeriodParams.extend({
  max_points: z.number().int().positive(),
  /** false: issued_sorted comes back empty (only the bootstrap needs every value). Default true. */
  values: z.boolean().nullable().optional(),
});
export const distribution = async (db: Database, p: z.input<typeof DistributionParams>) =>
  one('distribution', await run(db, 'distribution', DistributionParams, DistributionRow, p));

/** A distribution row's figures as the report and the Fairness page name them (PeriodMetrics). */
export const inequalityOf = (d: z.infer<typeof DistributionRow>) => ({
  population: { kind: d.population_kind, n: d.n, zeros: d.zeros, not_on_roster: d.not_on_roster },
  gini: d.gini,
  gini_nonzero: d.gini_nonzero,
  gini_nonzero_n: d.n_nonzero,
  theil: d.theil,
  top10_share: d.top10_share,
  zero_share: d.zero_share,
});

export const GiniTrendRow = z.object({ quarter: z.date(), n: int, gini: num, gini_nonzero: num });
/** Every quarter's n, Gini and Gini over non-zero in [from, to) (quarter starts), as distribution gives them. */
export const giniTrend = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'gini_trend', DayPeriodParams, GiniTrendRow, p);

export const ParticipantRow = z.object({ account_id: z.string(), issued: z.number(), on_roster: z.boolean() });
export const participantIssued = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'participant_issued', DayPeriodParams, ParticipantRow, p);

const GroupParams = DayPeriodParams.extend({
  attribute: z.string().min(1),
  reference: z.string().nullable(),
  min_group_size: z.number().int().positive(),
  low: z.number(),
  high: z.number(),
});
export const GroupFairnessRow = z.object({
  value: z.string().nullable(),
  n: int,
  total: num,
  mean_issued: num,
  sd_issued: num,
  gini: num,
  theil_group: num,
  disparity: num,
  small: z.boolean(),
  outside_band: z.boolean(),
  is_reference: z.boolean(),
  theil: num,
  theil_between: num,
  theil_within: num,
  theil_between_share: num,
});
export const groupFairness = (db: Database, p: z.input<typeof GroupParams>) =>
  run(db, 'group_fairness', GroupParams, GroupFairnessRow, p);
