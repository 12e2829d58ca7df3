import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { checkScope, type Scope } from '../db/scope.ts';
import { onCalendar, seriesAcrossBreaks } from './breaks.ts';
import { bandLookbackDays, seriesOf, spikeZ, type BandPoint } from './series.ts';
import type { AuditSettings } from './settings.ts';
import { judgeSpikes } from './spike-days.ts';

export interface ChartDay extends BandPoint {
  /** Rule spikes of the day, as `ledger-lens audit` flags them (rule_spike). */
  rules: { rule_id: string; value: number; expected: number }[];
  /** Rules flagged for a drop on the day (rule_drop): their value and usual value that day. */
  drops: { rule_id: string; value: number; expected: number }[];
  /** Labels of the campaigns covering the day (any rule). */
  campaigns: string[];
}

/**
 * The Health page's daily chart: the program's issued points with the expected band, the program and rule spikes
 * and the campaign days, judged by judgeSpikes with the audit settings, so the chart marks the days the audit flags
 * (read from the scope's day × rule rollup, with the experiments the audit reads: audit_daily_rules.sql), the
 * program's drops below the band and the rule drops the audit flags: a rule that stops paying during or after its
 * experiment is expected on both. `threshold` is the robust z the band is drawn at (settings.ts: from alpha over
 * a year of days unless set), the one the audit uses.
 */
export async function dailyChart(
  db: Database,
  from: string,
  to: string,
  settings: AuditSettings,
  scope?: Scope,
): Promise<{ threshold: number; days: ChartDay[] }> {
  // A filter nobody matches would draw a flat line of zeros that looks like data: refused, as the report does.
  await checkScope(db, scope);
  const read = async (since: string) =>
    seriesOf(
      since,
      to,
      await run(db, 'audit_daily_rules', {
        since,
        to,
        scope_attribute: scope?.attribute ?? null,
        scope_value: scope?.value ?? null,
      }),
    );
  const { series, lookback } = await seriesAcrossBreaks(read, from, bandLookbackDays(settings.program_spike));
  const judged = judgeSpikes(series, lookback, settings);
  const days = onCalendar(judged.band, from, to).map((p) => ({
    ...p,
    rules: judged.rules
      .filter((r) => r.day === p.day)
      .map((r) => ({ rule_id: r.rule_id, value: r.value, expected: r.expected })),
    drops: judged.drops.flatMap((d) =>
      d.days.filter((x) => x.day === p.day).map((x) => ({ rule_id: d.rule_id, value: x.value, expected: x.expected })),
    ),
    campaigns: settings.campaigns.filter((c) => c.from <= p.day && p.day <= c.to).map((c) => c.label),
  }));
  return { threshold: spikeZ(settings.program_spike), days };
}
