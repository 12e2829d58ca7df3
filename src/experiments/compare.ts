import type { RowOf } from '../db/run.ts';
import { UserError } from '../errors.ts';
import { gini } from '../stats/gini.ts';
import { quantileSorted } from '../stats/quantile.ts';
import { holmAdjust } from '../stats/holm.ts';
import { sampleRatioMismatch } from '../stats/srm.ts';
import { bootstrapArms } from './arm-bootstrap.ts';
import { armDistributions } from './distribution.ts';
import { type MetricTest, type Pair, testMeans, testRatio } from './metric.ts';
import { AbResult, type MetricName, type MetricResult } from './schema.ts';

/** One account of the experiment with its metrics: a row of queries/ab_accounts.sql, as its header declares. */
export type AccountMetrics = RowOf<'ab_accounts'>;

export interface CompareOptions {
  experiment: string;
  window: { from: string; to: string };
  prePeriod: { from: string; to: string };
  armsSource: 'ledger' | 'assignments';
  rule: string | null;
  /** The control arm; default the first variant in sort order. */
  control?: string;
  /** Designed split, variant → weight (any positive scale); default equal. */
  split?: Record<string, number>;
  alpha?: number;
  winsorize?: boolean;
  resamples?: number;
  seed?: number;
}

/** SRM warns below this p (experiments.md). */
export const SRM_THRESHOLD = 0.001;
export const DEFAULT_RESAMPLES = 2000;

/**
 * The whole comparison of an experiment's arms from per-account metrics (pure: the same accounts, options and seed
 * give the same result). Every treatment arm is compared with the control on each metric; the p-values of all
 * metric × arm rows are Holm-adjusted together and the verdict reads the adjusted p.
 */
export function compareArms(accounts: AccountMetrics[], opts: CompareOptions): AbResult {
  const alpha = opts.alpha ?? 0.05;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? 1;
  const winsorize = opts.winsorize ?? false;
  const groups = groupByVariant(accounts);
  const variants = [...groups.keys()];
  const control = pickControl(variants, opts);
  const treatments = variants.filter((v) => v !== control);
  for (const [variant, rows] of groups) {
    if (rows.length < 2)
      throw new UserError(
        'ab_arm_too_small',
        `arm ${variant} of ${opts.experiment} has ${rows.length} account(s); a comparison needs at least 2 per arm`,
        { hint: 'Check the window (--from/--to) and the assignments.' },
      );
  }
  const accountsActivePre = accounts.filter((a) => a.active_pre).length;
  const covariateAvailable = accountsActivePre > 0;
  const srm = srmOf(groups, opts.split);

  const rows: Omit<MetricResult, 'p_adjusted' | 'verdict'>[] = [];
  const guardrails: AbResult['guardrails_all'] = [];
  const c = groups.get(control)!;
  for (const treatment of treatments) {
    const t = groups.get(treatment)!;
    const pair = (key: keyof AccountMetrics): Pair => [column(c, key), column(t, key)];
    const cov = covariateAvailable ? pair('issued_pre') : null;
    const topts = { alpha, winsorize };
    const boot = bootstrapArms(
      [column(c, 'issued'), column(c, 'active_days')],
      [column(t, 'issued'), column(t, 'active_days')],
      { resamples, seed },
    );
    const medianOf = (key: keyof AccountMetrics, i: number) => {
      const [mc, mt] = [median(column(c, key)), median(column(t, key))];
      return { control: mc, treatment: mt, diff: mt - mc, diff_ci: boot.medianDiff[i] ?? null };
    };
    const row = (metric: MetricName, test: MetricTest, med: MetricResult['median']) => ({
      metric,
      control,
      treatment,
      n_control: c.length,
      n_treatment: t.length,
      ...test,
      median: med,
    });
    rows.push(row('issued', testMeans(pair('issued'), cov, topts), medianOf('issued', 0)));
    rows.push(row('active_days', testMeans(pair('active_days'), cov, topts), medianOf('active_days', 1)));
    rows.push(row('redemption_ratio', testRatio(pair('redeemed'), pair('issued_all'), topts), null));
    rows.push(row('retained', testMeans(pair('retained'), cov, { ...topts, binary: true }), null));
    const [gc, gt] = [gini(column(c, 'issued')), gini(column(t, 'issued'))];
    guardrails.push({
      control,
      treatment,
      gini_control: gc,
      gini_treatment: gt,
      gini_diff: gc === null || gt === null ? null : gt - gc,
      gini_diff_ci: boot.giniDiff,
    });
  }

  const tested = rows.map((r, i) => [r.p, i] as const).filter((x): x is readonly [number, number] => x[0] !== null);
  const adjusted = new Map(holmAdjust(tested.map(([p]) => p)).map((p, k) => [tested[k]![1], p]));
  const metrics = rows.map((r, i) => {
    const pAdj = adjusted.get(i) ?? null;
    const verdict =
      pAdj !== null && pAdj < alpha && r.abs_lift !== null ? (r.abs_lift > 0 ? 'better' : 'worse') : 'inconclusive';
    return { ...r, p_adjusted: pAdj, verdict } as MetricResult;
  });

  const warnings: string[] = [];
  if (!srm.ok)
    warnings.push(
      `sample ratio mismatch (p = ${srm.p.toPrecision(3)} < ${SRM_THRESHOLD}): the arms' sizes do not match the designed split, so the result cannot be trusted`,
    );
  const conflicting = accounts.filter((a) => a.variants > 1).length;
  if (conflicting > 0)
    warnings.push(`${conflicting} account(s) carry more than one variant; each was kept in its first arm`);
  if (!covariateAvailable) warnings.push('no activity in the pre-period: CUPED was not applied');

  return AbResult.parse({
    experiment: opts.experiment,
    window: opts.window,
    pre_period: { ...opts.prePeriod, accounts_active: accountsActivePre },
    arms_source: opts.armsSource,
    rule: opts.rule,
    arms: variants.map((variant) => ({ variant, n: groups.get(variant)!.length })),
    conflicting_accounts: conflicting,
    srm,
    metrics,
    guardrails: guardrails[0],
    guardrails_all: guardrails,
    correction: 'holm',
    alpha,
    winsorized: winsorize,
    bootstrap: { resamples, seed },
    distribution: armDistributions(
      variants.map((variant) => ({ variant, values: column(groups.get(variant)!, 'issued') })),
    ),
    warnings,
  });
}

function groupByVariant(accounts: AccountMetrics[]): Map<string, AccountMetrics[]> {
  const groups = new Map<string, AccountMetrics[]>();
  for (const a of [...accounts].sort((x, y) => (x.variant < y.variant ? -1 : x.variant > y.variant ? 1 : 0))) {
    let g = groups.get(a.variant);
    if (!g) groups.set(a.variant, (g = []));
    g.push(a);
  }
  return groups;
}

function pickControl(variants: string[], opts: CompareOptions): string {
  if (variants.length < 2) {
    throw new UserError(
      'ab_one_arm',
      `experiment ${opts.experiment} has ${variants.length === 0 ? 'no accounts' : `only one arm (${variants[0]})`} in ${opts.window.from} … ${opts.window.to}`,
      {
        hint: 'Check --experiment, the window and --assignments; a comparison needs a control and at least one treatment.',
      },
    );
  }
  const control = opts.control ?? variants[0]!;
  if (!variants.includes(control)) {
    throw new UserError('ab_unknown_control', `--control ${control} is not an arm of ${opts.experiment}`, {
      hint: `Its arms: ${variants.join(', ')}.`,
    });
  }
  return control;
}

function srmOf(groups: Map<string, AccountMetrics[]>, split: Record<string, number> | undefined): AbResult['srm'] {
  const names = [...new Set([...groups.keys(), ...Object.keys(split ?? {})])].sort();
  const observed = names.map((v) => groups.get(v)?.length ?? 0);
  const weights = names.map((v) => (split ? (split[v] ?? 0) : 1));
  const r = sampleRatioMismatch(observed, weights);
  const total = observed.reduce((s, x) => s + x, 0);
  const wsum = weights.reduce((s, x) => s + x, 0);
  return {
    observed,
    expected: weights.map((w) => (wsum > 0 ? (w / wsum) * total : 0)),
    weights: weights.map((w) => (wsum > 0 ? w / wsum : 0)),
    chi_square: r.chiSquare,
    p: r.pValue,
    ok: r.pValue >= SRM_THRESHOLD,
  };
}

function column(rows: AccountMetrics[], key: keyof AccountMetrics): Float64Array {
  return Float64Array.from(rows, (r) => Number(r[key]));
}

function median(values: Float64Array): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5)!;
}
