import { z } from 'zod';

/** A number that may not be computable for the period: null, never 0, never NaN (cli.md). */
const num = z.number().finite().nullable();

// Keys marked .optional() were added after the first version of this schema: `buildReport` always fills them;
// they are optional only so that hand-built reports written against the first version (fixtures) still parse.

const Period = z.object({ from: z.string(), to: z.string() });

/** Every key `ledger-lens report --json` promises for one period (cli.md, metrics.md). */
export const PeriodMetrics = z.object({
  period: Period,
  population: z.object({
    kind: z.enum(['roster', 'active']),
    n: z.number().int(),
    /** Members of the population with no issued points in the period. */
    zeros: z.number().int().optional(),
    /** Active accounts the roster does not list, counted in (always 0 without a roster). */
    not_on_roster: z.number().int().optional(),
  }),
  /** Ledger rows in the period; 0 = an empty period, whose flows and rates are all null. */
  rows: z.number().int().optional(),
  /** months(P): calendar months when month-aligned, else days / 30.4375 (metrics.md). */
  months: num.optional(),
  issued: num,
  deducted: num,
  redeemed: num,
  expired: num,
  adjusted_in: num,
  adjusted_out: num,
  transferred: num,
  active: z.number().int(),
  earners: z.number().int(),
  /** Accounts active in the period before this one, and how many of them are active again in this one. */
  active_previous: z.number().int().optional(),
  retained: z.number().int().optional(),
  acquisition_rate: num,
  redemption_rate: num,
  redemption_rate_lifetime: num,
  /** Cumulative totals over every row before `to`: the numbers behind the lifetime redemption rate and breakage. */
  issued_lifetime: num.optional(),
  redeemed_lifetime: num.optional(),
  expired_lifetime: num.optional(),
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
  gini_nonzero_n: z.number().int().optional(),
  /** 95 % percentile bootstrap interval of the Gini (settings.bootstrap says how it was drawn). */
  gini_ci: z.tuple([num, num]).nullable(),
  theil: num,
  top10_share: num,
  zero_share: num,
});
export type PeriodMetrics = z.infer<typeof PeriodMetrics>;

export const GroupRow = z.object({
  /** null = the accounts without a value for the attribute (kept as a group, never dropped). */
  value: z.string().nullable(),
  /** null only in a server answer whose group is `suppressed`. */
  n: z.number().int().nullable(),
  total_issued: num.optional(),
  mean_issued: num,
  sd_issued: num.optional(),
  /** 95 % Student-t interval of the group mean; null for a group of one. */
  mean_ci: z.tuple([num, num]).nullable(),
  gini: num,
  /** Theil T within the group. */
  theil: num.optional(),
  disparity: num,
  /** Fewer members than fairness.min_group_size: shown, marked "too small to judge", never dropped. */
  small: z.boolean(),
  outside_band: z.boolean(),
  /** This group is the reference of `disparity` (by.reference). */
  is_reference: z.boolean().optional(),
  /**
   * `fewer than N`: the server blanked this group's numbers (`n` included) for a manager or a viewer, as statistics
   * offices publish small cells (src/server/access.ts); the report itself never sets it.
   */
  suppressed: z.string().optional(),
});

export const ByAttribute = z.object({
  attribute: z.string(),
  /** The group whose mean is the disparity reference; null = the overall mean. */
  reference: z.string().nullable().optional(),
  theil_between: num,
  theil_within: num,
  theil_between_share: num,
  groups: z.array(GroupRow),
});
export type ByAttribute = z.infer<typeof ByAttribute>;

export const Report = PeriodMetrics.extend({
  previous: PeriodMetrics,
  by: ByAttribute.optional(),
  /** The accounts the report is restricted to (`--filter`); null = everyone. */
  filter: z.object({ attribute: z.string(), value: z.string() }).nullable().optional(),
  /** Things the reader should know before trusting the numbers, e.g. a period outside the data. */
  warnings: z.array(z.string()).optional(),
  /** Drawing data for the HTML report and the dashboard; small by construction (downsampled). */
  series: z.object({
    monthly: z.array(
      z.object({
        month: z.string(),
        issued: z.number(),
        redeemed: z.number(),
        expired: z.number(),
        outstanding: z.number(),
      }),
    ),
    lorenz: z.array(z.object({ p: z.number(), l: z.number() })),
    tier_mix: z.array(z.object({ tier: z.string(), issued: z.number(), share: num, target: num })),
  }),
  /** ROI of the period's redemptions: the benefit is the user's input (`--benefit`), the ledger cannot know it. */
  roi: z
    .object({ benefit: num, cost: num, roi: num, redemptions: z.number().int(), valued_by_cash: z.number().int() })
    .optional(),
  /** Points expiring within 0 (overdue) / 30 / 60 / 90 days of `to`, oldest first; null without an expiry policy. */
  expiring: z
    .object({
      at: z.string(),
      horizons: z.array(z.object({ horizon_days: z.number().int(), points: z.number(), accounts: z.number().int() })),
    })
    .nullable()
    .optional(),
  /** Every rule with its use in the period; rules with used = false are the set-and-forget ones. */
  rule_usage: z
    .array(
      z.object({
        rule_id: z.string(),
        name: z.string().nullable(),
        tier: z.string().nullable(),
        in_catalog: z.boolean(),
        rows: z.number().int(),
        accounts: z.number().int(),
        points: z.number(),
        used: z.boolean(),
      }),
    )
    .optional(),
  settings: z.object({
    timezone: z.string(),
    point_value: z.number(),
    currency: z.string(),
    expiry_months: z.number().int().nullable().optional(),
    tier_target: z.object({ base: z.number(), challenge: z.number(), reward: z.number() }).optional(),
    fairness: z
      .object({
        gini_warning: z.number(),
        disparity_low: z.number(),
        disparity_high: z.number(),
        min_group_size: z.number().int(),
      })
      .optional(),
    bootstrap: z.object({ resamples: z.number().int(), seed: z.number().int(), level: z.number() }).optional(),
  }),
});
export type Report = z.infer<typeof Report>;

/**
 * The Fairness page's numbers for one period: the report's inequality figures (the same queries, so the same
 * values), without its flows, stocks, retention, series and previous period, which that page does not show.
 */
export const FairnessView = PeriodMetrics.pick({
  period: true,
  population: true,
  gini: true,
  gini_nonzero: true,
  gini_nonzero_n: true,
  theil: true,
  top10_share: true,
  zero_share: true,
}).extend({
  /** Σ issued points of the fairness population: with population.n, the mean the group disparities compare to. */
  population_issued: z.number().nullable(),
  by: ByAttribute.optional(),
  filter: Report.shape.filter,
  series: z.object({ lorenz: Report.shape.series.shape.lorenz }),
  settings: Report.shape.settings.pick({ fairness: true, bootstrap: true }),
});
export type FairnessView = z.infer<typeof FairnessView>;
