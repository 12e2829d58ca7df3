import type { Database } from '../db/database.ts';
import { type RowOf, run } from '../db/run.ts';
import { bandThreshold, judgeAt, phaseMedians, prepareBand } from '../stats/robust-band.ts';
import { addDays, daysBetween } from '../dates.ts';
import type { AuditSettings } from './settings.ts';

export interface BandPoint {
  day: string;
  value: number;
  /** Median of the same weekday over the previous `weeks` weeks; null without enough history. */
  expected: number | null;
  lower: number | null;
  upper: number | null;
  /** Signed robust z of the day on a log scale; null without history, or when the history is constant. */
  z: number | null;
  spike: boolean;
  /** Below the band and at most 1 / (1 + min_excess_ratio) of the expected value. */
  drop: boolean;
}

type SpikeSettings = AuditSettings['program_spike'];

/** Days in the year a daily threshold is corrected for (settings.ts program_spike.z). */
const DAYS_PER_YEAR = 365;

/** The robust z every spike judgement of daily data uses: the setting, or alpha over a year of days. */
export const spikeZ = (s: SpikeSettings) => s.z ?? bandThreshold(s.alpha, DAYS_PER_YEAR);

/**
 * Weekly seasonality removed by a weekday median (audit.md), judged by the two-sided robust band of
 * src/stats/robust-band.ts with period 7: expected(d) = median of the same weekday in the `weeks` weeks before d;
 * the residual on a log scale is scored with a robust z against the residuals of the `7·weeks` days before d, so one
 * spike moves neither the expected value nor the spread. A spike needs z above the threshold and
 * x ≥ (1 + min_excess_ratio)·expected (a quarter-end push is unusual but not a fault); a drop, z below minus the
 * threshold and x ≤ expected / (1 + min_excess_ratio). `values` are consecutive days starting at `days`, or on
 * the days `days` names (a series with its breaks cut out, breaks.ts).
 */
export function weekdayBand(
  days: string | readonly string[],
  values: readonly number[],
  s: SpikeSettings,
): BandPoint[] {
  const band = prepareBand(values, { period: 7, periods: s.weeks });
  const threshold = spikeZ(s);
  const ratio = 1 + s.min_excess_ratio;
  return values.map((value, i) => {
    const { expected: e, lower, upper, z, beyond } = judgeAt(band, i, threshold);
    const known = e !== null && e > 0;
    const spike = known && beyond === 1 && value >= ratio * e;
    const drop = known && beyond === -1 && value <= e / ratio;
    return {
      day: typeof days === 'string' ? addDays(days, i) : days[i],
      value,
      expected: e,
      lower,
      upper,
      z,
      spike,
      drop,
    };
  });
}

/** Median of the same weekday in the `weeks` weeks before each day; null with fewer than half of them known. */
export const weekdayMedians = (values: readonly number[], weeks: number) => phaseMedians(values, 7, weeks);

/** A day × rule row of the daily series (queries/audit_daily_series.sql; audit_daily_rules.sql returns the same). */
export type DayRuleRow = RowOf<'audit_daily_series'>;

export interface DailySeries {
  start: string;
  /** The day of each position: consecutive from `start`, unless breaks were cut out (breaks.ts). */
  days: string[];
  program: number[];
  rules: Map<string, number[]>;
  /** Awards (earn rows) per day and rule. */
  ruleRows: Map<string, number[]>;
  /** `day|rule` → an experiment_id that rule's rows carry that day. */
  experiments: Map<string, string>;
}

/**
 * Daily issued points from `since` to `to` (exclusive), for the program and per rule: a day without earning is 0,
 * but days before the program's first earning are NaN (no history), so a program's first weeks are not judged
 * against the zeros before it started. `kept`: read the import-time day × rule rollup instead of the rows.
 */
export async function dailySeries(db: Database, since: string, to: string, kept: boolean): Promise<DailySeries> {
  return seriesOf(since, to, await run(db, 'audit_daily_series', { since, to, kept }));
}

/** The series from per day and rule rows (audit_daily_series.sql, or a scoped rollup of the same shape). */
export function seriesOf(since: string, to: string, rows: readonly DayRuleRow[]): DailySeries {
  const n = daysBetween(since, to);
  const program = new Array<number>(n).fill(0);
  const rules = new Map<string, number[]>();
  const ruleRows = new Map<string, number[]>();
  const experiments = new Map<string, string>();
  // Rows repeat each day once per rule: each day's position is parsed once.
  const at = new Map<string, number>();
  for (const r of rows) {
    if (r.experiment !== null) experiments.set(`${r.day}|${r.rule_id}`, r.experiment);
    let i = at.get(r.day);
    if (i === undefined) at.set(r.day, (i = daysBetween(since, r.day)));
    let c = ruleRows.get(r.rule_id);
    if (!c) ruleRows.set(r.rule_id, (c = new Array<number>(n).fill(0)));
    c[i] = r.rows;
    program[i] += r.issued;
    let s = rules.get(r.rule_id);
    if (!s) rules.set(r.rule_id, (s = new Array<number>(n).fill(0)));
    s[i] = r.issued;
  }
  const first = program.findIndex((v) => v > 0);
  for (const series of [program, ...rules.values(), ...ruleRows.values()]) series.fill(NaN, 0, first < 0 ? n : first);
  const days = Array.from({ length: n }, (_, i) => addDays(since, i));
  return { start: since, days, program, rules, ruleRows, experiments };
}

/** Days of history a band needs before `from`: the weekday median's weeks, then as many weeks of residuals. */
export const bandLookbackDays = (s: SpikeSettings) => 14 * s.weeks;
