// Param values turned into ClickHouse literals for the demands (demand.ts): each is validated first, since it becomes
// part of SQL text (18.16 has no server-side parameters).
import type { DuckDBValue } from '@duckdb/node-api';
import { chNumber, chTimestamp } from './literal.ts';
import { workWindow } from '../work-window.ts';

/** HH:MM validated (its minutes become literals). */
function timeOfDay(value: DuckDBValue): string {
  const m = typeof value === 'string' ? /^(\d\d):(\d\d)$/.exec(value) : null;
  if (!m) throw new Error(`not a time of day: ${String(value)}`);
  return m[0];
}

/** The working window of $start and $end (src/db/work-window.ts) as the literals start_min, span and carry. */
export function workWindowLiterals(start: DuckDBValue, end: DuckDBValue): Record<string, string> {
  const w = workWindow(timeOfDay(start), timeOfDay(end));
  return { start_min: chNumber(w.start), span: chNumber(w.span), carry: chNumber(w.carry) };
}

/** '1,2,3' as an array literal of weekday numbers. */
export function weekdays(value: DuckDBValue): string {
  const days = String(value).split(',').filter(Boolean).map(Number);
  if (days.some((x) => !Number.isInteger(x))) throw new Error(`not weekday numbers: ${String(value)}`);
  return `[${days.map(chNumber).join(', ')}]`;
}

/** The day after YYYY-MM-DD (a literal). */
export function nextDay(value: DuckDBValue): string {
  const d = new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${String(value)}`);
  d.setUTCDate(d.getUTCDate() + 1);
  return chTimestamp(d.toISOString().slice(0, 10));
}

/** YYYY-MM-DD plus `n` days. */
export function shiftedDay(value: string, n: number): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || !Number.isInteger(n)) throw new Error(`not a date and days: ${value}, ${n}`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD, checked (it becomes part of a literal). */
export const isoDay = (value: string) => shiftedDay(value, 0);

/** A wall-clock time `n` whole seconds before `value`, as a literal. */
export function secondsBefore(value: DuckDBValue, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`not a whole number of seconds: ${n}`);
  const t = new Date(`${chTimestamp(value).slice(1, -1).replace(' ', 'T')}Z`);
  t.setUTCSeconds(t.getUTCSeconds() - n);
  return chTimestamp(t.toISOString().slice(0, 19).replace('T', ' '));
}
