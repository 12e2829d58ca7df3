import type { Lang } from './index.ts';

/** What every formatter prints for a value that cannot be computed: never 0, never NaN. */
export const DASH = '—';

type Num = number | null | undefined;

const ok = (v: Num): v is number => typeof v === 'number' && Number.isFinite(v);

/** Plain number with grouping; `digits` is the most fraction digits shown (trailing zeros dropped). */
export function formatNumber(lang: Lang, v: Num, digits = 2): string {
  if (!ok(v)) return DASH;
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
}

/**
 * A number inside a sentence (a flag's explanation): three fraction digits, but a non-zero value that would print
 * as 0 (a p-value of 0.00006) keeps two significant digits, so the sentence never claims "p = 0".
 */
export function formatExplained(lang: Lang, v: Num): string {
  if (!ok(v)) return DASH;
  if (v !== 0 && Math.abs(v) < 0.0005) return new Intl.NumberFormat(lang, { maximumSignificantDigits: 2 }).format(v);
  return formatNumber(lang, v, 3);
}

/** Exactly `digits` fraction digits, for columns and indices that are compared by eye (0.340, 1.30×). */
export function formatFixed(lang: Lang, v: Num, digits: number): string {
  if (!ok(v)) return DASH;
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

/** Points are exact to the cent in the ledger; large totals read better without the cents. */
export function formatPoints(lang: Lang, v: Num): string {
  if (!ok(v)) return DASH;
  return formatNumber(lang, v, Math.abs(v) >= 1000 ? 0 : 2);
}

/** A ratio (0.25) as a percentage (25.0 %). */
export function formatPercent(lang: Lang, v: Num, digits = 1): string {
  if (!ok(v)) return DASH;
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}

/** Money in the program's currency; an unknown currency code falls back to "1,234.50 XYZ" rather than failing. */
export function formatMoney(lang: Lang, v: Num, currency: string, digits = 2): string {
  if (!ok(v)) return DASH;
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
    }).format(v);
  } catch {
    return `${formatNumber(lang, v, digits)} ${currency}`;
  }
}

/** Parses `YYYY-MM-DD`, `YYYY-MM` or an ISO timestamp prefix as a UTC calendar date (wall clock, no zone shift). */
export function parseDay(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A calendar date such as 2026-03-31 → "Mar 31, 2026" / "2026年3月31日". */
export function formatDate(lang: Lang, day: string | Date | null | undefined): string {
  const d = typeof day === 'string' ? parseDay(day) : day;
  if (!d) return DASH;
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A month such as 2026-03 → "Mar 2026" / "2026年3月"; `short` drops the year. */
export function formatMonth(lang: Lang, month: string | Date, short = false): string {
  const d = typeof month === 'string' ? parseDay(month) : month;
  if (!d) return DASH;
  const opts: Intl.DateTimeFormatOptions = short
    ? { month: 'short', timeZone: 'UTC' }
    : { year: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, opts).format(d);
}

/** A wall-clock timestamp as stored (no zone): "2026-04-02 09:15" formatted without shifting it; 00–23 hours (hour12: false gives "24:05" in English). */
export function formatDateTime(lang: Lang, ts: string | null | undefined): string {
  if (!ts) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(ts);
  if (!m) return ts;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
    hourCycle: 'h23',
  }).format(d);
}
