import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { Day, DayPeriodParams, int, nullableNumber as num, one, ScopeParams } from '../db/query-types.ts';

/** Typed calls of the health queries (queries/*.sql); each row schema mirrors the file's `returns` header. */

export const FlowsRow = z.object({
  rows: int,
  issued: num,
  deducted: num,
  redeemed: num,
  expired: num,
  adjusted_in: num,
  adjusted_out: num,
  transferred: num,
  active: int,
  earners: int,
  months: num,
  acquisition_rate: num,
  redemption_rate: num,
  inflation_ratio: num,
});
export const flows = async (db: Database, p: z.input<typeof DayPeriodParams>) =>
  one('flows', await run(db, 'flows', DayPeriodParams, FlowsRow, p));

const ValuedParams = DayPeriodParams.extend({ point_value: z.number().nonnegative() });

export const StocksRow = z.object({
  outstanding_start: num,
  outstanding: num,
  liability: num,
  points_retention_rate: num,
  issued_lifetime: num,
  redeemed_lifetime: num,
  expired_lifetime: num,
  redemption_rate_lifetime: num,
  breakage: num,
});
export const stocks = async (db: Database, p: z.input<typeof ValuedParams>) =>
  one('stocks', await run(db, 'stocks', ValuedParams, StocksRow, p));

const RoiParams = ValuedParams.extend({ benefit: z.number().finite().nullable() });
export const RoiRow = z.object({ redemptions: int, valued_by_cash: int, cost: num, benefit: num, roi: num });
export const roi = async (db: Database, p: z.input<typeof RoiParams>) =>
  one('roi', await run(db, 'roi', RoiParams, RoiRow, p));

const RetentionParams = DayPeriodParams.extend({ prev_from: Day });
export const RetentionRow = z.object({
  active_previous: int,
  active: int,
  retained: int,
  participant_retention_rate: num,
});
export const participantRetention = async (db: Database, p: z.input<typeof RetentionParams>) =>
  one('participant_retention', await run(db, 'participant_retention', RetentionParams, RetentionRow, p));

export const MonthlyRow = z.object({
  month: z.date(),
  issued: z.number(),
  redeemed: z.number(),
  expired: z.number(),
  outstanding: z.number(),
});
export const monthlySeries = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'monthly_series', DayPeriodParams, MonthlyRow, p);

export const CohortRow = z.object({ cohort: z.date(), k: int, cohort_size: int, active: int, share: num });
export const cohortRetention = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'cohort_retention', DayPeriodParams, CohortRow, p);

const ExpiringParams = z.object({ at: Day, expiry_months: z.number().int().positive() }).merge(ScopeParams);
export const ExpiringRow = z.object({ horizon_days: int, points: z.number(), accounts: int });
export const expiringSoon = (db: Database, p: z.input<typeof ExpiringParams>) =>
  run(db, 'expiring_soon', ExpiringParams, ExpiringRow, p);

const TierParams = DayPeriodParams.extend({
  target_base: z.number(),
  target_challenge: z.number(),
  target_reward: z.number(),
});
export const TierRow = z.object({ tier: z.string(), issued: z.number(), share: num, target: num });
export const tierMix = (db: Database, p: z.input<typeof TierParams>) => run(db, 'tier_mix', TierParams, TierRow, p);

export const RuleUsageRow = z.object({
  rule_id: z.string(),
  name: z.string().nullable(),
  tier: z.string().nullable(),
  in_catalog: z.boolean(),
  rows: int,
  accounts: int,
  points: z.number(),
  used: z.boolean(),
});
export const ruleUsage = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'rule_usage', DayPeriodParams, RuleUsageRow, p);
