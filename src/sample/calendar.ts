import { HOLIDAYS } from './holidays.ts';

/**
 * The sample's fixed calendar. It never depends on today's date: the range always ends at the end of the last
 * complete quarter before 2026-10-01 (i.e. 2026-09-30), so the same options give the same ledger forever.
 */
export const PROGRAM_END = '2026-10-01';
export const MAX_MONTHS = 60;

const DAY_MS = 86_400_000;

export interface CalendarDay {
  index: number;
  /** YYYY-MM-DD, wall clock in the program time zone. */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  dow: number;
  /** Month number counted from the first month of the range (0-based); drives the expiry lots. */
  month: number;
  /** Calendar month 1–12 and day of month, for seasonal mall items. */
  calMonth: number;
  dom: number;
  isMonthEnd: boolean;
  /** Days left in the quarter including this one; challenge rules are awarded near a quarter's end. */
  daysToQuarterEnd: number;
  holiday: string | null;
  isWorkday: boolean;
}

export interface Calendar {
  from: string;
  /** Exclusive. */
  to: string;
  months: number;
  days: CalendarDay[];
  /** First day index of every month, plus days.length at the end. */
  monthStarts: number[];
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseDate(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  return isoDate(Date.UTC(y + Math.floor(m / 12), ((m % 12) + 12) % 12, Number(date.slice(8, 10))));
}

function holidayMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [from, to, name] of HOLIDAYS) {
    for (let ms = parseDate(from); ms <= parseDate(to); ms += DAY_MS) map.set(isoDate(ms), name);
  }
  return map;
}

export function buildCalendar(months: number): Calendar {
  const from = addMonths(PROGRAM_END, -months);
  const holidays = holidayMap();
  const days: CalendarDay[] = [];
  const monthStarts: number[] = [];
  const end = parseDate(PROGRAM_END);
  for (let ms = parseDate(from), i = 0; ms < end; ms += DAY_MS, i++) {
    const d = new Date(ms);
    const date = isoDate(ms);
    const next = new Date(ms + DAY_MS);
    const isMonthEnd = next.getUTCDate() === 1;
    const calMonth = d.getUTCMonth() + 1;
    if (d.getUTCDate() === 1 || i === 0) monthStarts.push(i);
    const quarterEnd = Date.UTC(d.getUTCFullYear(), Math.floor((calMonth - 1) / 3) * 3 + 3, 1);
    const dow = ((d.getUTCDay() + 6) % 7) + 1;
    const holiday = holidays.get(date) ?? null;
    days.push({
      index: i,
      date,
      dow,
      month: monthStarts.length - 1,
      calMonth,
      dom: d.getUTCDate(),
      isMonthEnd,
      daysToQuarterEnd: Math.round((quarterEnd - ms) / DAY_MS),
      holiday,
      isWorkday: dow <= 5 && holiday === null,
    });
  }
  monthStarts.push(days.length);
  return { from, to: PROGRAM_END, months, days, monthStarts };
}

/**
 * Relative activity of a day: weekends and holidays are quiet, the eve of the Spring Festival already slows down,
 * and issuance drifts upward over the range (the inflation the health report should notice).
 */
export function dayFactor(cal: Calendar, day: CalendarDay): number {
  let f = day.isWorkday ? 1 : day.holiday ? 0.04 : day.dow === 6 ? 0.12 : 0.06;
  if (!day.holiday && day.index + 1 < cal.days.length && cal.days[day.index + 1].holiday === '春节') f *= 0.5;
  return f * (1 + 0.015 * day.month);
}

/** The quarter [from, to) that contains a date. */
export function quarterContaining(date: string): { from: string; to: string; label: string } {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const from = isoDate(Date.UTC(y, q * 3, 1));
  return { from, to: addMonths(from, 3), label: `${y}-Q${q + 1}` };
}

export function dayIndexOf(cal: Calendar, date: string): number {
  return Math.round((parseDate(date) - parseDate(cal.from)) / DAY_MS);
}

/** Seconds of a day → "HH:MM:SS", from a table built once: the hot path formats millions of times. */
const TIMES: string[] = [];
export function formatTime(seconds: number): string {
  if (TIMES.length === 0) {
    for (let s = 0; s < 86_400; s++) {
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      TIMES.push(`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`);
    }
  }
  return TIMES[seconds];
}
