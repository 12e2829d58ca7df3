import { formatDate, parseDay } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';

/** "2026 Q1" when [from, to) is exactly a calendar quarter, else the dates with the exclusive end shown inclusive. */
export function periodLabel(lang: Lang, period: { from: string; to: string }): string {
  const from = parseDay(period.from);
  const to = parseDay(period.to);
  if (!from || !to) return `${period.from} – ${period.to}`;
  const m = from.getUTCMonth();
  const isQuarter =
    from.getUTCDate() === 1 &&
    m % 3 === 0 &&
    to.getUTCDate() === 1 &&
    to.getUTCFullYear() * 12 + to.getUTCMonth() - (from.getUTCFullYear() * 12 + m) === 3;
  if (isQuarter) return t(lang, 'report.quarter', { year: from.getUTCFullYear(), q: m / 3 + 1 });
  return periodRange(lang, period);
}

/** "Jan 1, 2026 to Mar 31, 2026": periods are half-open, so the last day shown is the day before `to`. */
export function periodRange(lang: Lang, period: { from: string; to: string }): string {
  const to = parseDay(period.to);
  const lastDay = to ? new Date(to.getTime() - 86_400_000) : null;
  return t(lang, 'report.period', { from: formatDate(lang, period.from), to: formatDate(lang, lastDay) });
}

/** Which report a period makes: quarterly, monthly (the dashboard's month filter) or one over any dates. */
export function periodTitleKey(period: {
  from: string;
  to: string;
}): 'report.title' | 'report.title.month' | 'report.title.range' {
  const from = parseDay(period.from);
  const to = parseDay(period.to);
  if (!from || !to || from.getUTCDate() !== 1 || to.getUTCDate() !== 1) return 'report.title.range';
  const months = to.getUTCFullYear() * 12 + to.getUTCMonth() - (from.getUTCFullYear() * 12 + from.getUTCMonth());
  if (months === 1) return 'report.title.month';
  return months === 3 && from.getUTCMonth() % 3 === 0 ? 'report.title' : 'report.title.range';
}

/** "2026年5月" / "May 2026" for a calendar month, else the quarter or the dates. */
export function periodName(lang: Lang, period: { from: string; to: string }): string {
  if (periodTitleKey(period) !== 'report.title.month') return periodLabel(lang, period);
  const month = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return month.format(parseDay(period.from) ?? undefined);
}
