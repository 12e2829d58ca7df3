/**
 * The working window of `work_hours` (src/config.ts) in minutes of the day. A window whose end is not after its start
 * wraps past midnight (a night shift, 20:00–06:00); an end equal to its start is the whole day. A time is in working
 * hours when (minute − start) mod 1440 < span. A shift belongs to the day it starts on: the first `carry` minutes
 * after midnight are the previous day's shift (its weekday decides whether they fall on a rest day). The SQL of
 * queries/audit_off_hours*.sql and audit_night_hours.sql computes the same from $start and $end.
 */
export interface WorkWindow {
  start: number;
  span: number;
  carry: number;
}

const minuteOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function workWindow(start: string, end: string): WorkWindow {
  const s = minuteOfDay(start);
  const span = (((minuteOfDay(end) - s) % 1440) + 1440) % 1440 || 1440;
  return { start: s, span, carry: Math.max(0, s + span - 1440) };
}
