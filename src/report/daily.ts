import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import type { Scope } from '../db/scope.ts';
import { addDays, daysBetween } from '../dates.ts';
import { bandLookbackDays, weekdayBand, type BandPoint } from '../audit/series.ts';
import { defaultAuditSettings } from '../audit/settings.ts';
import { Day, scopeParams, ScopeParams } from '../db/query-types.ts';

const Params = z.object({ since: Day, to: Day }).merge(ScopeParams);
const Row = z.object({ day: z.string(), issued: z.number() });

/**
 * The daily issued points of [from, to) within a scope, with the weekday band of the audit's program spike
 * (audit.md): the Health page's daily chart. Days before the first earning are NaN (no history), as in the audit.
 */
export async function dailyIssued(db: Database, from: string, to: string, scope?: Scope): Promise<BandPoint[]> {
  const s = defaultAuditSettings().program_spike;
  const since = addDays(from, -bandLookbackDays(s));
  const values = new Array<number>(daysBetween(since, to)).fill(0);
  for (const r of await run(db, 'daily_issued', Params, Row, { since, to, ...scopeParams(scope) }))
    values[daysBetween(since, r.day)] = r.issued;
  const first = values.findIndex((v) => v > 0);
  values.fill(NaN, 0, first < 0 ? values.length : first);
  return weekdayBand(since, values, s).slice(bandLookbackDays(s));
}
