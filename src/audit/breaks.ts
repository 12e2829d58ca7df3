import { addDays, daysBetween } from '../dates.ts';
import type { BandPoint, DailySeries } from './series.ts';

/**
 * A break: a run of at least BREAK_DAYS days on which the whole program paid nothing at all (a school's summer, a
 * factory's Spring Festival shutdown, an outage or a missing export). Its zeros are no rule's usual: left in, they
 * filled the weekday medians and the residual spread of the weeks after it, and for about sixteen weeks a rule
 * paying 20× or one switched off read as ordinary (red team A, D2). A holiday with some rows (a skeleton crew) is
 * not a break: every rule is lower together, which no rule's drop reads as its own (rule-drops.ts).
 */
export interface Break {
  from: string;
  /** Last day of the break (inclusive). */
  to: string;
  days: number;
}

/**
 * A week: the shortest run that takes every weekday once, so cutting whole weeks keeps each day on its weekday. A
 * weekend, or a one- to six-day public holiday, takes at most one day of each weekday's eight: the medians shrug it off.
 */
export const BREAK_DAYS = 7;

/** Days before a period that a baseline may reach back over breaks: a year (a longer pause is a new program). */
const MAX_REACH_DAYS = 365;

/** Runs of at least BREAK_DAYS zero days of the program total (days before its first earning are NaN, not zero). */
function breakRuns(program: readonly number[]): { start: number; length: number }[] {
  const out: { start: number; length: number }[] = [];
  let start = -1;
  for (let i = 0; i <= program.length; i++) {
    if (i < program.length && program[i] === 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= BREAK_DAYS) out.push({ start, length: i - start });
    start = -1;
  }
  return out;
}

/**
 * The series with its breaks cut out: of each break, whole weeks are removed from every series (the days after it
 * keep their weekdays, and a same-weekday median reaches back over it to the weeks before), and the days left over
 * (fewer than a week) are NaN: unknown, judged by nothing and in no baseline. `days` names the days that remain.
 */
export function withoutBreaks(series: DailySeries): { series: DailySeries; breaks: Break[] } {
  const runs = breakRuns(series.program);
  if (runs.length === 0) return { series, breaks: [] };
  const keep = new Array<boolean>(series.program.length).fill(true);
  const unknown = new Array<boolean>(series.program.length).fill(false);
  for (const r of runs) {
    const cut = r.length - (r.length % BREAK_DAYS);
    for (let k = 0; k < r.length; k++) {
      if (k < cut) keep[r.start + k] = false;
      else unknown[r.start + k] = true;
    }
  }
  const cut = (values: readonly number[]) => values.flatMap((v, i) => (keep[i] ? [unknown[i] ? NaN : v] : []));
  const breaks = runs.map((r) => ({
    from: series.days[r.start],
    to: series.days[r.start + r.length - 1],
    days: r.length,
  }));
  return {
    series: {
      ...series,
      program: cut(series.program),
      rules: new Map([...series.rules].map(([k, v]) => [k, cut(v)])),
      ruleRows: new Map([...series.ruleRows].map(([k, v]) => [k, cut(v)])),
      days: series.days.filter((_, i) => keep[i]),
    },
    breaks,
  };
}

/**
 * The daily series from `lookback` days of baseline before `from` to `to`, breaks cut out (withoutBreaks). When a
 * break took days from the baseline, the series reaches back further by as many days (up to MAX_REACH_DAYS), so the
 * first weeks after a summer are judged against the term before it, not against its zeros. `read` gives the series
 * of [since, to). The returned lookback counts the days left before `from`: fewer than asked only when the ledger
 * (or the reach) ends first, and its first days are NaN then, as before a program's first earning.
 */
export async function seriesAcrossBreaks(
  read: (since: string) => Promise<DailySeries>,
  from: string,
  lookback: number,
): Promise<{ series: DailySeries; lookback: number; breaks: Break[] }> {
  let since = addDays(from, -lookback);
  for (;;) {
    const { series, breaks } = withoutBreaks(await read(since));
    let before = series.days.findIndex((d) => d >= from);
    if (before < 0) before = series.days.length;
    if (before >= lookback || daysBetween(since, from) >= lookback + MAX_REACH_DAYS)
      return { series, lookback: before, breaks };
    since = addDays(since, -(lookback - before));
  }
}

/**
 * A band of the series without breaks put back on the calendar of [from, to): a day cut out, or unknown, issued
 * nothing and has no band.
 */
export function onCalendar(band: readonly BandPoint[], from: string, to: string): BandPoint[] {
  const byDay = new Map(band.map((p) => [p.day, p]));
  return Array.from({ length: daysBetween(from, to) }, (_, i) => {
    const day = addDays(from, i);
    const p = byDay.get(day);
    return p && Number.isFinite(p.value) ? p : quiet(day);
  });
}

const quiet = (day: string): BandPoint => ({
  day,
  value: 0,
  expected: null,
  lower: null,
  upper: null,
  z: null,
  spike: false,
  drop: false,
});

/** The breaks that overlap [from, to), as a note of the program_spike check and the chart. */
export const breakNote = (b: Break) =>
  `no earning at all from ${b.from} to ${b.to} (${b.days} days): a break, an outage or a missing export? Left out of every baseline`;
