import { z } from 'zod';

/** A number that may not be computable for the period: null, never 0, never NaN (cli.md). */
const num = z.number().finite().nullable();

export const Period = z.object({ from: z.string(), to: z.string() });

/** Every key `ledger-lens report --json` promises for one period (cli.md, metrics.md). */
export const PeriodMetrics = z.object({
  period: Period,
  population: z.object({ kind: z.enum(['roster', 'active']), n: z.number().int() }),
  issued: num,
  deducted: num,
  redeemed: num,
  expired: num,
  adjusted_in: num,
  adjusted_out: num,
  transferred: num,
  active: z.number().int(),
  earners: z.number().int(),
  acquisition_rate: num,
  redemption_rate: num,
  redemption_rate_lifetime: num,
  points_retention_rate: num,
  participant_retention_rate: num,
  breakage: num,
  inflation_ratio: num,
  outstanding: num,
  outstanding_start: num,
  liability: num,
  roi_cost: num,
  gini: num,
  gini_nonzero: num,
  gini_ci: z.tuple([num, num]).nullable(),
  theil: num,
  top10_share: num,
  zero_share: num,
});
export type PeriodMetrics = z.infer<typeof PeriodMetrics>;

export const GroupRow = z.object({
  value: z.string().nullable(),
  n: z.number().int(),
  mean_issued: num,
  mean_ci: z.tuple([num, num]).nullable(),
  gini: num,
  disparity: num,
  /** Fewer members than fairness.min_group_size: shown, marked "too small to judge", never dropped. */
  small: z.boolean(),
  outside_band: z.boolean(),
});

export const ByAttribute = z.object({
  attribute: z.string(),
  theil_between: num,
  theil_within: num,
  theil_between_share: num,
  groups: z.array(GroupRow),
});

export const Report = PeriodMetrics.extend({
  previous: PeriodMetrics,
  by: ByAttribute.optional(),
  /** Drawing data for the HTML report and the dashboard; small by construction (downsampled). */
  series: z.object({
    monthly: z.array(z.object({ month: z.string(), issued: z.number(), redeemed: z.number(), expired: z.number(), outstanding: z.number() })),
    lorenz: z.array(z.object({ p: z.number(), l: z.number() })),
    tier_mix: z.array(z.object({ tier: z.string(), issued: z.number(), share: num, target: num })),
  }),
  settings: z.object({ timezone: z.string(), point_value: z.number(), currency: z.string() }),
});
export type Report = z.infer<typeof Report>;
