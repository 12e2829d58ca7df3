import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { MEAN_AD_SCALE, MODIFIED_Z_FACTOR, robustStats } from '../stats/robust-z.ts';
import { addDays, daysBetween } from '../dates.ts';
import { defaultAuditSettings, type AuditSettings } from './settings.ts';

export interface TimelinePoint {
  day: string;
  issued: number;
  /** Median of the account's `window_days` days before (zero days included), and the band ± z robust spreads. */
  median: number;
  lower: number;
  upper: number;
}

/**
 * An account's daily issued points over [from, to) with its own trailing baseline band, for the chart of an
 * account-spike flag (the server calls this). The band uses the spread account_spike scores with: MAD, or the
 * mean absolute deviation when more than half the days tie.
 */
export async function accountTimeline(
  db: Database,
  accountId: string,
  from: string,
  to: string,
  settings: AuditSettings = defaultAuditSettings(),
): Promise<TimelinePoint[]> {
  const s = settings.account_spike;
  const since = addDays(from, -s.window_days);
  const n = daysBetween(since, to);
  const values = new Array<number>(n).fill(0);
  for (const r of await run(db, 'audit_account_series', { account_id: accountId, since, to }))
    values[daysBetween(since, r.day)] = r.issued;
  const out: TimelinePoint[] = [];
  for (let i = s.window_days; i < n; i++) {
    const st = robustStats(values.slice(i - s.window_days, i))!;
    const spread = st.mad > 0 ? st.mad / MODIFIED_Z_FACTOR : MEAN_AD_SCALE * st.meanAbsDev;
    out.push({
      day: addDays(since, i),
      issued: values[i],
      median: st.median,
      lower: Math.max(0, st.median - s.z * spread),
      upper: st.median + s.z * spread,
    });
  }
  return out;
}
