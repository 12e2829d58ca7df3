/**
 * Calendar arithmetic on `YYYY-MM-DD` days, quarters (`2026Q1`) and months (`2026-05`). Pure and zone-free: the
 * ledger's times are already wall-clock times of the program's zone, so UTC arithmetic on dates cannot shift them.
 * Shared by the server, the domain modules and the web app.
 */
const DAY_MS = 86_400_000;

/** A day shifted by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Periods are half-open [from, to): the last day a reader sees is the day before `to`. */
export const lastDay = (to: string) => addDays(to, -1);

/** The quarter a day or month falls in: `2026-05-12` or `2026-05` → `2026Q2`. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first day of a month counted from year 0 (month index y·12 + m − 1), so months can be added across years. */
function monthStart(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

/** [from, to) of a quarter: `2026Q1` → 2026-01-01 … 2026-04-01. */
export function quarterPeriod(quarter: string): { from: string; to: string } {
  const start = Number(quarter.slice(0, 4)) * 12 + (Number(quarter.slice(5)) - 1) * 3;
  return { from: monthStart(start), to: monthStart(start + 3) };
}

/** [from, to) of a month: `2026-12` → 2026-12-01 … 2027-01-01. */
export function monthPeriod(month: string): { from: string; to: string } {
  const start = monthIndex(month);
  return { from: monthStart(start), to: monthStart(start + 1) };
}

/** Every quarter from the one containing `first` to the one containing `last`, oldest first. */
export function quartersBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let i = Math.floor(monthIndex(first) / 3); i <= Math.floor(monthIndex(last) / 3); i++)
    out.push(quarterOf(monthStart(i * 3)));
  return out;
}

/** Every month from the one containing `first` to the one containing `last`, newest first (`YYYY-MM`). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(last); i >= monthIndex(first); i--) out.push(monthStart(i).slice(0, 7));
  return out;
}
