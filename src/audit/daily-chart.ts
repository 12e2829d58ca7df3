import type { Database } from '../db/database.ts';
import type { BandPoint } from './series.ts';
import type { AuditSettings } from './settings.ts';
import { judgeSpikes, spikeSeries } from './spike-days.ts';

export interface ChartDay extends BandPoint {
  /** Rule spikes of the day, as `ledger-lens audit` flags them (rule_spike). */
  rules: { rule_id: string; value: number; expected: number }[];
  /** Labels of the campaigns covering the day (any rule). */
  campaigns: string[];
}

/**
 * The Health page's daily chart: the program's issued points with the expected band, the program and rule spikes
 * and the campaign days, judged by judgeSpikes with the audit settings, so the chart marks exactly the days the
 * audit flags. `threshold` is the robust z the band is drawn at.
 */
export async function dailyChart(db: Database, from: string, to: string, settings: AuditSettings): Promise<{ threshold: number; days: ChartDay[] }> {
  const { series, lookback } = await spikeSeries(db, from, to, settings);
  const judged = judgeSpikes(series, lookback, settings);
  const days = judged.band.map((p) => ({
    ...p,
    rules: judged.rules.filter((r) => r.day === p.day).map((r) => ({ rule_id: r.rule_id, value: r.value, expected: r.expected })),
    campaigns: settings.campaigns.filter((c) => c.from <= p.day && p.day <= c.to).map((c) => c.label),
  }));
  return { threshold: settings.program_spike.z, days };
}
