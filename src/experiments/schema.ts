import { z } from 'zod';

/**
 * The `ab --json` document: the cli.md keys (experiment, window, arms, srm, metrics, guardrails) plus what the
 * page draws (medians, CUPED, winsorisation, MDE, per-arm distributions). A value that cannot be computed is null.
 */
const num = z.number();
const maybe = z.number().nullable();
const interval = z.tuple([num, num]);
const maybeInterval = interval.nullable();

export const Verdict = z.enum(['better', 'worse', 'inconclusive']);
export type Verdict = z.infer<typeof Verdict>;

export const MetricName = z.enum(['issued', 'active_days', 'redemption_ratio', 'retained']);
export type MetricName = z.infer<typeof MetricName>;

export const MetricResult = z.object({
  metric: MetricName,
  control: z.string(),
  treatment: z.string(),
  n_control: z.number().int(),
  n_treatment: z.number().int(),
  /** Raw arm means (for the ratio metric: Σ numerator / Σ denominator of the arm). */
  mean_control: maybe,
  mean_treatment: maybe,
  /** Lift of treatment over control; with CUPED applied, of the adjusted metric. */
  abs_lift: maybe,
  abs_ci: maybeInterval,
  /** The same lift without CUPED (the difference of the analysed means, winsorised when asked), to set beside it. */
  abs_lift_unadjusted: maybe,
  abs_ci_unadjusted: maybeInterval,
  /** GrowthBook's Bayesian "chance to beat control" (src/stats/bayes.ts): of the analysed values; binomial for retained. */
  chance_to_beat_control: maybe,
  rel_lift: maybe,
  rel_ci: maybeInterval,
  p: maybe,
  /** Holm-adjusted over every metric × treatment row of the result. */
  p_adjusted: maybe,
  /** Mann–Whitney U two-sided p on the per-account values; null for the ratio metric. */
  mw_p: maybe,
  verdict: Verdict,
  /** How the lift was tested: Welch t on per-account means, or the delta method for a ratio of sums. */
  method: z.enum(['welch', 'delta']),
  median: z.object({ control: num, treatment: num, diff: num, diff_ci: maybeInterval }).nullable(),
  cuped: z.object({ applied: z.boolean(), theta: maybe, variance_reduction: maybe }),
  /** The cap winsorisation put on the per-account values (pooled 99.9th percentile), null when not applied. */
  winsor_cap: maybe,
  /** Minimum detectable absolute (and relative) effect at the observed n and variance, α 0.05, power 0.8. */
  mde: z.object({ absolute: maybe, relative: maybe }),
});
export type MetricResult = z.infer<typeof MetricResult>;

export const ArmDistribution = z.object({
  variant: z.string(),
  /** Quantiles of issued per account: p → value. */
  quantiles: z.array(z.object({ p: num, value: num })),
  /** Counts over the shared `bins` edges of the result (the same edges for every arm, so they can be overlaid). */
  counts: z.array(z.number().int()),
});

export const Guardrail = z.object({
  control: z.string(),
  treatment: z.string(),
  gini_control: maybe,
  gini_treatment: maybe,
  gini_diff: maybe,
  gini_diff_ci: maybeInterval,
});

export const AbResult = z.object({
  experiment: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  pre_period: z.object({ from: z.string(), to: z.string(), accounts_active: z.number().int() }),
  /** Where the arms came from. */
  arms_source: z.enum(['ledger', 'assignments']),
  /** The issued metric's rule filter (--rule), null for every rule. */
  rule: z.string().nullable(),
  arms: z.array(z.object({ variant: z.string(), n: z.number().int() })),
  /** Accounts tagged with more than one variant (kept in their first arm). */
  conflicting_accounts: z.number().int(),
  srm: z.object({
    observed: z.array(z.number().int()),
    expected: z.array(num),
    weights: z.array(num),
    chi_square: num,
    p: num,
    ok: z.boolean(),
  }),
  metrics: z.array(MetricResult),
  guardrails: Guardrail,
  /** Every treatment arm's guardrail (the first one is `guardrails`). */
  guardrails_all: z.array(Guardrail),
  correction: z.literal('holm'),
  alpha: num,
  winsorized: z.boolean(),
  bootstrap: z.object({ resamples: z.number().int(), seed: z.number().int() }),
  distribution: z.object({ bins: z.array(num), arms: z.array(ArmDistribution) }),
  /** Plain-language warnings (SRM, conflicting accounts, tiny arms); empty when none. */
  warnings: z.array(z.string()),
});
export type AbResult = z.infer<typeof AbResult>;
