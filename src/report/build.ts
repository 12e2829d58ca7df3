import type { Database } from '../db/database.ts';
import type { ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { checkScope, type Scope } from '../db/scope.ts';
import { storedConfig } from '../config.ts';
import { DEFAULT_BOOTSTRAP } from '../stats/bootstrap.ts';
import { byAttribute } from './by-attribute.ts';
import { defaultQuarter, parseQuarter, parseRange, previousPeriod, type ResolvedPeriod } from '../periods/quarters.ts';
import { periodMetrics, type BootstrapSettings, type PeriodResult } from './period-metrics.ts';
import { runInSlices } from './slices.ts';
import { bootstrapGiniOffThread, startBootstrapThread } from '../stats/bootstrap-thread.ts';
import { dataRange } from '../queries/data-range.ts';
import { expiringSoon, monthlySeries, ruleUsage, tierMix } from './queries-health.ts';
import { Report } from './schema.ts';
import { scopeParams } from '../db/query-types.ts';
import { withSharedPasses } from '../db/shared-passes.ts';
import { taskQueue } from './task-queue.ts';

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
  /** Only the accounts with this attribute value (`--filter department=…`, the dashboard's filter chip). */
  filter?: Scope;
  /**
   * Run the Gini's bootstrap (default true, as `report --json`). The dashboard asks for the numbers without it and
   * for the intervals in a second request: they cost more than every other number together at 10M rows.
   */
  intervals?: boolean;
  /**
   * Compute the period before on a second connection of the same DuckDB instance, at the same time as the period
   * (DuckDB runs connections in parallel). Only for a connection of the caller's own: a fork does not carry the TEMP
   * views a user's scope puts in front of the tables (src/db/within-scope.ts), so the server leaves this off (its
   * requests already run side by side). Ignored for a remote source, whose rows are made present per connection.
   */
  parallel?: boolean;
  /**
   * A second connection the caller holds (the server's idle one, outside any user scope): as `parallel`, without
   * opening a connection; left open.
   */
  second?: Database;
  /**
   * Keeps one period's numbers across reports (the server's cache, cleared by imports): the report of a quarter and
   * that of the quarter after share the period between them. Used only without intervals (numbers first).
   */
  memo?: PeriodMemo;
}

/** A cache of period results by key; `has` says whether a key is held or on its way. */
export interface PeriodMemo {
  get: (key: string, make: () => Promise<PeriodResult>) => Promise<PeriodResult>;
  has: (key: string) => boolean;
}

/**
 * The quarterly health and fairness report (cli.md `report`): every number for the period and the period before,
 * the group breakdown when asked, and small drawing series. Validated against the Report schema before return.
 */
export async function buildReport(db: Database, opts: ReportOptions = {}): Promise<Report> {
  // The intervals' thread starts while the queries run: its start is paid before the values arrive.
  if (opts.intervals !== false) startBootstrapThread();
  const config = opts.config ?? (await storedConfig(db));
  const { range, period, previous, beforePrevious } = await reportPeriods(db, opts);
  // Every per-account metric of both periods (flows, retention, the fairness population), their program totals (flows,
  // ROI, tier mix) and every stock and monthly sum up to the period's end read passes made once for this request.
  const at = { config, range, period, previous, beforePrevious };
  const scope = opts.filter;
  // Periods another report already computed (the server's memo) need neither their passes nor a connection.
  const known = periodKeys(opts, at);
  const hit = (key: string) => opts.intervals === false && opts.memo?.has(key) === true;
  const priorKnown = hit(known.prior);
  // A period is kept where its numbers are computed (several metrics read it); a period read by one metric alone (a
  // retention's period before, the breakdown of a period whose numbers are known) is read from the rollups, which
  // costs less than a copy. A period's numbers need no pass when they are known.
  const before = priorKnown ? [] : [previous];
  const mine = hit(known.current) ? [] : [period];
  // Every period a connection of this report may read per account: the breakdown may run on either connection.
  const reads = [period, previous, beforePrevious];
  // Every macro call of the report is of these periods and its scope (closed: see SharedPasses.closed).
  const named = { scope, reads, closed: true };
  if ((!opts.parallel && !opts.second) || db.remote) {
    const shared = {
      periods: [...mine, ...before],
      days: { from: (priorKnown ? period : previous).from, to: period.to },
    };
    return withSharedPasses(db, { ...shared, monthsTo: period.to, ...named }, () => reportOf(db, opts, at));
  }
  const second = opts.second ?? (await db.fork());
  let onSecond: Promise<unknown> | undefined;
  const track = <T>(p: Promise<T>) => {
    onSecond = p;
    return p;
  };
  try {
    // The period before is known: the breakdown and the series (small rollups, no pass of their own worth keeping)
    // run on the second connection while the period's numbers run on the first.
    if (priorKnown) {
      const own = { periods: [...mine, ...before], days: period, monthsTo: period.to, ...named };
      return await withSharedPasses(db, own, () => reportOf(db, opts, at, undefined, (rest) => track(rest(second))));
    }
    // Each connection keeps the passes of its own period, both made at once: the second connection's start waits
    // neither for the first's tables nor for its macros, and its work begins once the report hands it over.
    const priorSpec = { periods: [previous], days: previous, monthsTo: previous.to, ...named };
    const own = { periods: mine, days: period, monthsTo: period.to, ...named };
    let handOver!: (work: (on: Database) => Promise<unknown>) => void;
    const handed = new Promise<(on: Database) => Promise<unknown>>((resolve) => {
      handOver = resolve;
    });
    const onPrior = track(withSharedPasses(second, priorSpec, async () => (await handed)(second)));
    onPrior.catch(() => undefined); // awaited by the report, or below when it never asked
    let asked = false;
    const runPrior = <T>(prior: (on: Database) => Promise<T>): Promise<T> => {
      asked = true;
      handOver(prior);
      return onPrior as Promise<T>;
    };
    try {
      return await withSharedPasses(db, own, () => reportOf(db, opts, at, runPrior));
    } finally {
      // The period before became known meanwhile (another report's memo): the second connection's passes close.
      if (!asked) {
        handOver(async () => undefined);
        await onPrior.catch(() => undefined);
      }
    }
  } catch (e) {
    // The second connection's work may still be running when the period fails: stop it before it closes.
    second.interrupt();
    await onSecond?.catch(() => undefined);
    throw e;
  } finally {
    if (!opts.second) second.close();
  }
}

type At = {
  config: ProgramConfig;
  range: { first_at: string; last_at: string };
  period: ResolvedPeriod;
  previous: ResolvedPeriod;
  beforePrevious: ResolvedPeriod;
};

/** The memo's keys of the period's and the period before's results: every input of periodMetrics but the callback. */
function periodKeys(opts: ReportOptions, at: At): { current: string; prior: string } {
  const common = [opts.lorenzPoints ?? 200, JSON.stringify(opts.filter ?? null), JSON.stringify(at.config)];
  const key = (p: ResolvedPeriod, before: ResolvedPeriod, benefit: number | null) =>
    ['period', p.from, p.to, before.from, benefit, ...common].join('|');
  return {
    current: key(at.period, at.previous, opts.benefit ?? null),
    prior: key(at.previous, at.beforePrevious, null),
  };
}

/**
 * The report's period, the one before it and the one before that, and the data's span; an empty ledger is an error.
 * The scope is checked first (an unknown attribute or value is the user's error, not an empty report).
 */
export async function reportPeriods(db: Database, opts: Pick<ReportOptions, 'period' | 'filter'>) {
  await checkScope(db, opts.filter);
  // The data's span is the whole ledger's, filtered or not: a filter narrows the population, not the calendar.
  const range = await dataRange(db);
  if (range.rows === 0 || !range.first_at || !range.last_at) {
    const where = db.path === ':memory:' ? 'the ledger file' : db.path;
    throw new UserError('empty_ledger', `${where}: there are no ledger rows to report on`, {
      hint: 'Import a ledger first (ledger-lens import <file> --db <path>), or check the quarantine of --ledger with ledger-lens check <file>.',
    });
  }
  const period = resolvePeriod(opts.period, range.first_at, range.last_at);
  const previous = previousPeriod(period);
  return {
    range: { first_at: range.first_at, last_at: range.last_at },
    period,
    previous,
    beforePrevious: previousPeriod(previous),
  };
}

async function reportOf(
  db: Database,
  opts: ReportOptions,
  at: At,
  /** Runs the period before's queries at once on a connection of its own; absent, on `db` after the period's. */
  onSecond?: <T>(prior: (on: Database) => Promise<T>) => Promise<T>,
  /** Runs the breakdown and the series at once on a connection of their own; absent, on `db` after the period's. */
  restElsewhere?: <T>(rest: (on: Database) => Promise<T>) => Promise<T>,
): Promise<Report> {
  const { config, range, period, previous, beforePrevious } = at;
  const scope = scopeParams(opts.filter);
  const bootstrap = { ...DEFAULT_BOOTSTRAP, ...opts.bootstrap };
  const benefit = opts.benefit ?? null;

  const lorenzPoints = opts.lorenzPoints ?? 200;
  // Each interval starts as soon as its values are known (the distribution is each period's first query), its
  // resamples shared between the bootstrap thread and this one (in slices): the other queries run meanwhile. The same
  // seed gives the same interval whoever draws which resample.
  const wantIntervals = opts.intervals !== false;
  let currentCi: Promise<[number, number] | null> | null = null;
  let priorCi: Promise<[number, number] | null> | null = null;
  const ci = (issued: number[]) => {
    const p = wantIntervals ? bootstrapGiniOffThread(issued, bootstrap, (job) => runInSlices([job])) : null;
    p?.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    return p;
  };
  const common = { config, bootstrap, lorenzPoints, scope: opts.filter, values: wantIntervals };
  const keys = periodKeys(opts, at);
  // Without intervals a period's result is the same whichever report asks for it: the memo may hold it.
  const memo = wantIntervals ? undefined : opts.memo;
  const kept = (key: string, make: () => Promise<PeriodResult>) => (memo ? keptPeriod(memo, key, make) : make());
  const priorOn = (on: Database) =>
    kept(keys.prior, () =>
      periodMetrics(on, {
        ...common,
        period: previous,
        previousFrom: beforePrevious.from,
        benefit: null,
        onIssued: (issued) => {
          priorCi = ci(issued);
        },
      }),
    );
  const p = { from: period.from, to: period.to, ...scope };
  // The breakdown and the series: each connection takes the next of them once its own period is done, the largest
  // first, so neither waits idle for the other at the end.
  const reads = {
    by: (on: Database) =>
      opts.by ? byAttribute(on, period, opts.by, opts.reference ?? null, config, opts.filter) : noValue(),
    monthly: (on: Database) => monthlySeries(on, { from: seriesStart(period, previous), to: period.to, ...scope }),
    tierMix: (on: Database) =>
      tierMix(on, {
        ...p,
        target_base: config.tier_target.base,
        target_challenge: config.tier_target.challenge,
        target_reward: config.tier_target.reward,
      }),
    ruleUsage: (on: Database) => ruleUsage(on, p),
    expiring: (on: Database) =>
      config.expiry_months
        ? expiringSoon(on, { at: period.to, expiry_months: config.expiry_months, ...scope })
        : noValue(null),
  };
  // Within a filter, rule usage counts each rule's distinct accounts from the scope's account × day rows (no rollup
  // holds them per value): at 10M rows about twice the breakdown's CPU. Taken after the breakdown and the series, it
  // ran alone on one connection while the other had finished.
  const { ruleUsage: usage, ...others } = reads;
  const ordered: typeof reads = opts.filter ? { ruleUsage: usage, ...others } : reads;
  const restQueue = taskQueue(ordered);
  const restEarly = restElsewhere?.(restQueue.drain);
  restEarly?.catch(() => undefined); // awaited below, as the intervals
  // A period before that another report holds is taken as it is, not sent to the second connection.
  const early = memo?.has(keys.prior)
    ? undefined
    : onSecond?.(async (on) => {
        const prior = await priorOn(on);
        await restQueue.drain(on);
        return prior;
      });
  early?.catch(() => undefined); // awaited below, as the intervals
  const current = await kept(keys.current, () =>
    periodMetrics(db, {
      ...common,
      period,
      previousFrom: previous.from,
      benefit,
      onIssued: (issued) => {
        currentCi = ci(issued);
      },
    }),
  );
  const priorMetrics = early ?? (await priorOn(db));
  // Every connection's reads end before the report answers or fails: none is left running on a returned connection.
  const [prior] = await settledAll([priorMetrics, restQueue.drain(db), restEarly]);
  const rest = restQueue.results();
  const intervals = await Promise.all([currentCi, priorCi]);
  const report: Report = {
    ...current.metrics,
    gini_ci: intervals[0],
    previous: { ...prior.metrics, gini_ci: intervals[1] },
    ...(rest.by ? { by: rest.by } : {}),
    filter: opts.filter ?? null,
    ...outsideData(period, range.first_at, range.last_at),
    series: {
      monthly: rest.monthly.map((m) => ({ ...m, month: m.month.toISOString().slice(0, 7) })),
      lorenz: current.lorenz,
      tier_mix: rest.tierMix,
    },
    roi: current.roi,
    expiring: rest.expiring ? { at: period.to, horizons: rest.expiring } : null,
    rule_usage: rest.ruleUsage,
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

/** Promise.all that waits for every promise, then rejects with the first failure. */
async function settledAll<T extends readonly unknown[]>(ps: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(ps);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { [K in keyof T]: Awaited<T[K]> };
}

/** A read the report does not need (no breakdown asked, no expiry set): its answer without a query. */
const noValue = async <T = undefined>(value?: T): Promise<T> => value as T;

/**
 * A period's result from the memo, computed here when absent. Work joined from another report fails with that
 * report's cancellation: this report then computes it itself.
 */
async function keptPeriod(memo: PeriodMemo, key: string, make: () => Promise<PeriodResult>): Promise<PeriodResult> {
  const joined = memo.has(key);
  try {
    return await memo.get(key, make);
  } catch (e) {
    if (!joined) throw e;
    return make();
  }
}

function resolvePeriod(spec: ReportOptions['period'], firstAt: string, lastAt: string): ResolvedPeriod {
  if (!spec) return defaultQuarter(firstAt, lastAt);
  if ('quarter' in spec) return parseQuarter(spec.quarter);
  return parseRange(spec.from, spec.to);
}

/** A period that misses the data is answered (with zeros) but said so: a mistyped year must not read as a quiet quarter. */
function outsideData(period: ResolvedPeriod, firstAt: string, lastAt: string): { warnings?: string[] } {
  const first = firstAt.slice(0, 10);
  const last = lastAt.slice(0, 10);
  if (period.to > first && period.from <= last) return {};
  return { warnings: [`the period ${period.from} – ${period.to} is outside the data (${first} – ${last})`] };
}

/** Trends cover at least the 12 months up to `to` and always both compared periods. */
function seriesStart(period: ResolvedPeriod, previous: ResolvedPeriod): string {
  const to = new Date(`${period.to}T00:00:00Z`);
  const yearBefore = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1)).toISOString().slice(0, 10);
  // biome-ignore lint/complexity/useMathMinMax: the earlier of two ISO date strings; Math.min would make them NaN.
  return previous.from < yearBefore ? previous.from : yearBefore;
}
