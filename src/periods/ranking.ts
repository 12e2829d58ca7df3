import { iso, parseIsoDay, type Period } from './quarters.ts';

/** The kinds of ranking period (cli.md `rank --period`). */
export const RANK_PERIODS = ['week', 'month', 'quarter', 'year', 'all'] as const;
export type RankPeriodKind = (typeof RANK_PERIODS)[number];

const DAY_MS = 86_400_000;

export function isRankPeriod(v: unknown): v is RankPeriodKind {
  return typeof v === 'string' && (RANK_PERIODS as readonly string[]).includes(v);
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}

function monthStart(year: number, month0: number): Date {
  return new Date(Date.UTC(year, month0, 1));
}

/**
 * The period of `kind` containing `day`. Weeks are ISO weeks (Monday to Sunday); months, quarters and years are
 * calendar ones. `all` has no calendar shape: the caller gives the data's span instead.
 */
export function periodContaining(kind: Exclude<RankPeriodKind, 'all'>, day: Date): Period {
  const y = day.getUTCFullYear();
  const m = day.getUTCMonth();
  switch (kind) {
    case 'week': {
      const monday = addDays(day, -((day.getUTCDay() + 6) % 7));
      return { from: iso(monday), to: iso(addDays(monday, 7)) };
    }
    case 'month':
      return { from: iso(monthStart(y, m)), to: iso(monthStart(y, m + 1)) };
    case 'quarter': {
      const q0 = m - (m % 3);
      return { from: iso(monthStart(y, q0)), to: iso(monthStart(y, q0 + 3)) };
    }
    case 'year':
      return { from: iso(monthStart(y, 0)), to: iso(monthStart(y + 1, 0)) };
  }
}

/** The period of the same kind immediately before `p` (the one containing the day before `p.from`). */
export function periodBefore(kind: Exclude<RankPeriodKind, 'all'>, p: Period): Period {
  return periodContaining(kind, addDays(parseIsoDay('from', p.from), -1));
}

/**
 * Which period to rank when `--at` is not given: the latest COMPLETE period of the kind, i.e. the last one ending
 * on or before the day after the last ledger row (an export taken on a month's last day covers that month) —
 * a half-finished week or month would rank people on partial data. When the data holds no complete period, the
 * period containing the last row, so the default is never empty. `all` is the data's whole span.
 * `firstDay` / `lastDay` are the days (YYYY-MM-DD) of the first and last ledger rows.
 */
export function defaultRankPeriod(kind: RankPeriodKind, firstDay: string, lastDay: string): Period {
  const last = parseIsoDay('last row', lastDay);
  const dayAfter = addDays(last, 1);
  if (kind === 'all') return { from: firstDay, to: iso(dayAfter) };
  // The period before the one holding the day after the last row is the last to end on or before that day.
  const complete = periodBefore(kind, periodContaining(kind, dayAfter));
  if (complete.to > firstDay) return complete;
  return periodContaining(kind, last);
}

/**
 * The period to rank: the one containing `at` when given, else the default above. For `all`, `at` ends the span:
 * everything from the first row up to and including that day.
 */
export function resolveRankPeriod(
  kind: RankPeriodKind,
  at: string | undefined,
  firstDay: string,
  lastDay: string,
): Period {
  if (at === undefined) return defaultRankPeriod(kind, firstDay, lastDay);
  const day = parseIsoDay('--at', at);
  if (kind === 'all') return { from: firstDay, to: iso(addDays(day, 1)) };
  return periodContaining(kind, day);
}
