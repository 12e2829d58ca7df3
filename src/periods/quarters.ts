import { UserError } from '../errors.ts';

/** A period [from, to): dates YYYY-MM-DD in the program time zone, `to` exclusive (metrics.md). */
export interface Period {
  from: string;
  to: string;
}

/** What kind of period it is decides which period comes before it (metrics.md, Periods). */
export type PeriodKind = 'quarter' | 'months' | 'range';

export interface ResolvedPeriod extends Period {
  kind: PeriodKind;
}

const DAY_MS = 86_400_000;
const QUARTER = /^(\d{4})[Qq]([1-4])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026Q1` → [2026-01-01, 2026-04-01). */
export function parseQuarter(text: string): ResolvedPeriod {
  const m = QUARTER.exec(text.trim());
  if (!m) {
    throw new UserError('bad_quarter', `--quarter "${text}" is not a quarter`, {
      hint: 'Write the year and the quarter number, e.g. --quarter 2026Q1.',
    });
  }
  return quarter(Number(m[1]), Number(m[2]));
}

/** `--from` / `--to` as given: both dates, `to` exclusive and after `from`. */
export function parseRange(from: string | undefined, to: string | undefined): ResolvedPeriod {
  if (!from || !to) {
    throw new UserError('bad_period', `--from and --to go together (got ${from ? '--from only' : '--to only'})`, {
      hint: 'Give both, e.g. --from 2026-01-01 --to 2026-04-01 (--to is exclusive), or use --quarter.',
    });
  }
  const f = parseIsoDay('--from', from);
  const t = parseIsoDay('--to', to);
  if (t <= f)
    throw new UserError('bad_period', `--to ${to} is not after --from ${from}`, {
      hint: '--to is exclusive: --from 2026-01-01 --to 2026-02-01 is January.',
    });
  return {
    from,
    to,
    kind: isMonthStart(f) && isMonthStart(t) ? (isQuarterSpan(f, t) ? 'quarter' : 'months') : 'range',
  };
}

/**
 * The period of the same kind immediately before: the previous quarter; for a range of whole calendar months the
 * same number of months before; for any other range the range of equal length ending at `from`.
 */
export function previousPeriod(p: ResolvedPeriod): ResolvedPeriod {
  const f = parseIsoDay('from', p.from);
  const t = parseIsoDay('to', p.to);
  if (p.kind === 'range')
    return { from: iso(new Date(f.getTime() - (t.getTime() - f.getTime()))), to: p.from, kind: 'range' };
  const months = monthIndex(t) - monthIndex(f);
  return { from: iso(fromMonthIndex(monthIndex(f) - months)), to: p.from, kind: p.kind };
}

/**
 * The default period: the latest calendar quarter the data covers completely, i.e. the last one ending on or
 * before the day after the last row (an export taken on a quarter's last day covers that quarter). When the data
 * spans no complete quarter, the quarter of the last row, so the default is never an empty period.
 * `firstAt` / `lastAt` are `YYYY-MM-DD HH:MM:SS` (data_range.sql).
 */
export function defaultQuarter(firstAt: string, lastAt: string): ResolvedPeriod {
  const last = parseIsoDay('last row', lastAt.slice(0, 10));
  const dayAfter = new Date(last.getTime() + DAY_MS);
  const idx = monthIndex(dayAfter);
  const q = quarterOfMonthIndex(idx);
  const containing = quarter(q.year, q.q);
  const complete = parseIsoDay('to', containing.to) <= dayAfter ? containing : previousPeriod(containing);
  if (complete.to > firstAt.slice(0, 10)) return complete;
  const lq = quarterOfMonthIndex(monthIndex(last));
  return quarter(lq.year, lq.q);
}

function quarter(year: number, q: number): ResolvedPeriod {
  const from = fromMonthIndex(year * 12 + (q - 1) * 3);
  const to = fromMonthIndex(year * 12 + q * 3);
  return { from: iso(from), to: iso(to), kind: 'quarter' };
}

function quarterOfMonthIndex(idx: number): { year: number; q: number } {
  const year = Math.floor(idx / 12);
  return { year, q: Math.floor((idx - year * 12) / 3) + 1 };
}

/** A YYYY-MM-DD date that exists in the calendar, as a UTC midnight (dates carry no zone here). */
export function parseIsoDay(name: string, text: string): Date {
  const m = DATE.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || iso(d) !== text) {
    throw new UserError('bad_date', `${name} "${text}" is not a date`, {
      hint: 'Write dates as YYYY-MM-DD, e.g. 2026-03-15.',
    });
  }
  return d;
}

function isMonthStart(d: Date): boolean {
  return d.getUTCDate() === 1;
}

function isQuarterSpan(f: Date, t: Date): boolean {
  return f.getUTCMonth() % 3 === 0 && monthIndex(t) - monthIndex(f) === 3;
}

function monthIndex(d: Date): number {
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function fromMonthIndex(idx: number): Date {
  const year = Math.floor(idx / 12);
  return new Date(Date.UTC(year, idx - year * 12, 1));
}

export function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
