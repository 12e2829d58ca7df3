import type { Database } from '../db/database.ts';
import type { Scope } from '../db/scope.ts';
import { scopeParams } from '../db/query-types.ts';
import type { ProgramConfig } from '../config.ts';
import { distribution, inequalityOf } from './queries-fairness.ts';
import { flows, participantRetention, roi, stocks } from './queries-health.ts';
import type { Period } from '../periods/quarters.ts';
import type { PeriodMetrics } from './schema.ts';

export interface BootstrapSettings {
  resamples: number;
  seed: number;
  level: number;
}

export interface PeriodInput {
  period: Period;
  /** Start of the period before `period`, for participant retention. */
  previousFrom: string;
  config: ProgramConfig;
  bootstrap: BootstrapSettings;
  /** The user's benefit for ROI; null when not given. */
  benefit: number | null;
  /** Most points of the Lorenz curve kept for drawing. */
  lorenzPoints: number;
  /** Only these accounts (the page filter); absent: everyone. */
  scope?: Scope;
  /** The bootstrap will run: fetch every account's value for it (false: numbers first, no interval). */
  values: boolean;
  /** Called with `issued` as soon as it is known, before the other queries: the bootstrap can start meanwhile. */
  onIssued?: (issued: number[]) => void;
}

export interface PeriodResult {
  /** Everything but `gini_ci`, which the bootstrap over `issued` gives (see bootstrapGiniOffThread). */
  metrics: PeriodMetrics;
  /** Issued points per account of the fairness population, ascending: what the Gini's bootstrap resamples. */
  issued: number[];
  roi: Awaited<ReturnType<typeof roi>>;
  lorenz: { p: number; l: number }[];
}

/**
 * Every number of one period (cli.md `report` keys), composed from the flows, stocks, participant_retention, roi
 * and distribution queries, plus the values the seeded bootstrap of the Gini resamples, so that the caller can run
 * it while DuckDB works on other queries.
 */
export async function periodMetrics(db: Database, input: PeriodInput): Promise<PeriodResult> {
  const p = { from: input.period.from, to: input.period.to, ...scopeParams(input.scope) };
  const pointValue = input.config.point_value;
  const d = await distribution(db, { ...p, max_points: input.lorenzPoints, values: input.values });
  input.onIssued?.(d.issued_sorted);
  const f = await flows(db, p);
  const s = await stocks(db, { ...p, point_value: pointValue });
  const r = await participantRetention(db, { ...p, prev_from: input.previousFrom });
  const c = await roi(db, { ...p, point_value: pointValue, benefit: input.benefit });
  const metrics: PeriodMetrics = {
    period: { from: p.from, to: p.to },
    ...inequalityOf(d),
    rows: f.rows,
    months: f.months,
    issued: f.issued,
    deducted: f.deducted,
    redeemed: f.redeemed,
    expired: f.expired,
    adjusted_in: f.adjusted_in,
    adjusted_out: f.adjusted_out,
    transferred: f.transferred,
    active: f.active,
    earners: f.earners,
    active_previous: r.active_previous,
    retained: r.retained,
    acquisition_rate: f.acquisition_rate,
    redemption_rate: f.redemption_rate,
    redemption_rate_lifetime: s.redemption_rate_lifetime,
    issued_lifetime: s.issued_lifetime,
    redeemed_lifetime: s.redeemed_lifetime,
    expired_lifetime: s.expired_lifetime,
    points_retention_rate: s.points_retention_rate,
    participant_retention_rate: r.participant_retention_rate,
    breakage: s.breakage,
    inflation_ratio: f.inflation_ratio,
    outstanding: s.outstanding,
    outstanding_start: s.outstanding_start,
    liability: s.liability,
    roi_cost: c.cost,
    gini_ci: null,
  };
  return {
    metrics,
    issued: d.issued_sorted,
    roi: c,
    lorenz: d.lorenz.map(({ p: share, l }) => ({ p: share, l })),
  };
}
