import type { Database } from '../db/database.ts';
import type { ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { storedConfig } from '../ledger/import.ts';
import { DEFAULT_BOOTSTRAP } from '../stats/bootstrap.ts';
import { byAttribute } from './by-attribute.ts';
import { defaultQuarter, parseQuarter, parseRange, previousPeriod, type ResolvedPeriod } from './period.ts';
import { periodMetrics, type BootstrapSettings } from './period-metrics.ts';
import { lorenzPoints } from './queries-fairness.ts';
import { dataRange, expiringSoon, monthlySeries, ruleUsage, tierMix } from './queries-health.ts';
import { Report } from './schema.ts';

export interface ReportOptions {
  /** A quarter (`2026Q1`) or a range (`to` exclusive); default: the latest complete quarter in the data. */
  period?: { quarter: string } | { from: string; to: string };
  /** Attribute for the group breakdown (`--by`). */
  by?: string;
  /** Group whose mean is the disparity reference; default the overall mean. */
  reference?: string;
  /** Bootstrap of the Gini interval: seed, resamples, level (defaults 1, 1,000, 0.95). */
  bootstrap?: Partial<BootstrapSettings>;
  /** The benefit for ROI, in the program currency; the ledger cannot know it. */
  benefit?: number | null;
  /** Program settings; default: those stored in the database, else the defaults. */
  config?: ProgramConfig;
  /** Most points of the Lorenz curve sent for drawing (default 200). */
  lorenzPoints?: number;
}

/**
 * The quarterly health and fairness report (cli.md `report`): every number for the period and the period before,
 * the group breakdown when asked, and small drawing series. Validated against the Report schema before return.
 */
export async function buildReport(db: Database, opts: ReportOptions = {}): Promise<Report> {
  const config = opts.config ?? (await storedConfig(db));
  const range = await dataRange(db);
  if (range.rows === 0 || !range.first_at || !range.last_at) {
    throw new UserError('empty_ledger', `${db.path}: the database has no ledger rows`, { hint: 'Import a ledger first: ledger-lens import <file> --db <path>.' });
  }
  const period = resolvePeriod(opts.period, range.first_at, range.last_at);
  const previous = previousPeriod(period);
  const beforePrevious = previousPeriod(previous);
  const bootstrap = { ...DEFAULT_BOOTSTRAP, ...opts.bootstrap };
  const benefit = opts.benefit ?? null;

  const current = await periodMetrics(db, { period, previousFrom: previous.from, config, bootstrap, benefit });
  const prior = await periodMetrics(db, { period: previous, previousFrom: beforePrevious.from, config, bootstrap, benefit: null });
  const p = { from: period.from, to: period.to };

  const by = opts.by ? await byAttribute(db, p, opts.by, opts.reference ?? null, config) : undefined;
  const report: Report = {
    ...current.metrics,
    previous: prior.metrics,
    ...(by ? { by } : {}),
    series: {
      monthly: (await monthlySeries(db, { from: seriesStart(period, previous), to: period.to })).map((m) => ({ ...m, month: m.month.toISOString().slice(0, 7) })),
      lorenz: (await lorenzPoints(db, { ...p, max_points: opts.lorenzPoints ?? 200 })).map(({ p: share, l }) => ({ p: share, l })),
      tier_mix: await tierMix(db, { ...p, target_base: config.tier_target.base, target_challenge: config.tier_target.challenge, target_reward: config.tier_target.reward }),
    },
    roi: current.roi,
    expiring: config.expiry_months ? { at: period.to, horizons: await expiringSoon(db, { at: period.to, expiry_months: config.expiry_months }) } : null,
    rule_usage: await ruleUsage(db, p),
    settings: {
      timezone: config.timezone,
      point_value: config.point_value,
      currency: config.currency,
      expiry_months: config.expiry_months,
      tier_target: config.tier_target,
      fairness: config.fairness,
      bootstrap,
    },
  };
  const parsed = Report.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`report does not match its schema at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function resolvePeriod(spec: ReportOptions['period'], firstAt: string, lastAt: string): ResolvedPeriod {
  if (!spec) return defaultQuarter(firstAt, lastAt);
  if ('quarter' in spec) return parseQuarter(spec.quarter);
  return parseRange(spec.from, spec.to);
}

/** Trends cover at least the 12 months up to `to` and always both compared periods. */
function seriesStart(period: ResolvedPeriod, previous: ResolvedPeriod): string {
  const to = new Date(`${period.to}T00:00:00Z`);
  const yearBefore = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1)).toISOString().slice(0, 10);
  return previous.from < yearBefore ? previous.from : yearBefore;
}
