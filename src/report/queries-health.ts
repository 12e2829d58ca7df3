import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { Day, DayPeriodParams, one, ScopeParams } from '../db/query-types.ts';

/** Typed calls of the health queries (queries/*.sql); each row schema mirrors the file's `returns` header. */

export const flows = async (db: Database, p: z.input<typeof DayPeriodParams>) =>
  one('flows', await run(db, 'flows', DayPeriodParams, p));

const ValuedParams = DayPeriodParams.extend({ point_value: z.number().nonnegative() });

export const stocks = async (db: Database, p: z.input<typeof ValuedParams>) =>
  one('stocks', await run(db, 'stocks', ValuedParams, p));

const RoiParams = ValuedParams.extend({ benefit: z.number().finite().nullable() });
export const roi = async (db: Database, p: z.input<typeof RoiParams>) => one('roi', await run(db, 'roi', RoiParams, p));

const RetentionParams = DayPeriodParams.extend({ prev_from: Day });
export const participantRetention = async (db: Database, p: z.input<typeof RetentionParams>) =>
  one('participant_retention', await run(db, 'participant_retention', RetentionParams, p));

export const monthlySeries = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'monthly_series', DayPeriodParams, p);

export const cohortRetention = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'cohort_retention', DayPeriodParams, p);

const ExpiringParams = z.object({ at: Day, expiry_months: z.number().int().positive() }).merge(ScopeParams);
export const expiringSoon = (db: Database, p: z.input<typeof ExpiringParams>) =>
  run(db, 'expiring_soon', ExpiringParams, p);

const TierParams = DayPeriodParams.extend({
  target_base: z.number(),
  target_challenge: z.number(),
  target_reward: z.number(),
});
export const tierMix = (db: Database, p: z.input<typeof TierParams>) => run(db, 'tier_mix', TierParams, p);

export const ruleUsage = (db: Database, p: z.input<typeof DayPeriodParams>) =>
  run(db, 'rule_usage', DayPeriodParams, p);
