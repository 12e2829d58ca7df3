// Which of the large rollups (LAZY_REDUCTIONS in reduce.ts) a query reads, with its params bound. The macros of
// queries/views read rollup_account_day only in some cases (a scope, a period that does not start and end on a
// 1st); a branch they cut by a constant condition reads nothing, so an on-demand source fetches nothing for it.
// Anything this cannot decide counts as read: the answer may be too large, never too small.
import type { DuckDBValue } from '@duckdb/node-api';
import { splitTopLevel } from '../run.ts';

const UNKNOWN = Symbol('unknown');
type Arg = DuckDBValue | typeof UNKNOWN;

/** A macro argument's value: NULL, a bound $param (casts allowed), a 'literal'; anything else is unknown. */
function argValue(text: string, params: Record<string, DuckDBValue>): Arg {
  const t = text.trim();
  if (/^NULL$/i.test(t)) return null;
  const param = /^\$([a-z_][a-z0-9_]*)(::[A-Z]+)*$/i.exec(t);
  if (param) return param[1] in params ? params[param[1]] : UNKNOWN;
  const literal = /^'([^']*)'(::[A-Z]+)*$/i.exec(t);
  return literal ? literal[1] : UNKNOWN;
}

/** Whether a date-like value is the 1st of a month (as ll_month_aligned); unknown counts as not. */
function firstOfMonth(v: Arg): boolean {
  if (v === UNKNOWN || v === null) return false;
  return /^\d{4}-\d{2}-01(?:[ T]00:00(?::00(?:\.0+)?)?)?$/.test(String(v));
}

const aligned = (from: Arg, to: Arg) => (from === null || firstOfMonth(from)) && firstOfMonth(to);
const scoped = (attr: Arg | undefined) => attr === undefined || attr === UNKNOWN || attr !== null;

/** Each call of `name(…)` in `sql`, as its top-level arguments. */
function calls(sql: string, name: string): string[][] {
  const out: string[][] = [];
  const re = new RegExp(`\\b${name}\\s*\\(`, 'g');
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < sql.length && depth > 0; i++) {
      if (sql[i] === '(') depth++;
      else if (sql[i] === ')') depth--;
    }
    out.push(splitTopLevel(sql.slice(start, i - 1)));
  }
  return out;
}

/** The lazy rollup tables the query reads (comments left out). */
export function lazyRollupsRead(sql: string, params: Record<string, DuckDBValue>): Set<string> {
  const code = sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n');
  const out = new Set<string>();
  for (const t of ['rollup_account_day', 'rollup_approver_hour']) if (new RegExp(`\\b${t}\\b`).test(code)) out.add(t);
  const v = (args: string[], i: number) => (i < args.length ? argValue(args[i], params) : undefined);
  const fine = Object.entries(MACROS).some(([name, readsFine]) => calls(code, name).some((a) => readsFine(a, v)));
  if (fine) out.add('rollup_account_day');
  return out;
}

type ArgOf = (args: string[], i: number) => Arg | undefined;

/** When each macro of queries/views reads rollup_account_day, from its arguments (views/35–40). */
/** An argument the call leaves out is unknown; a NULL one (a period since the first row) is known. */
const given = (x: Arg | undefined): Arg => (x === undefined ? UNKNOWN : x);
const periodNotAligned = (a: string[], v: ArgOf) => !aligned(given(v(a, 0)), given(v(a, 1)));
const monthsNeedDays = (a: string[], v: ArgOf) => scoped(v(a, 1)) && !aligned(null, given(v(a, 0)));
const MACROS: Record<string, (args: string[], v: ArgOf) => boolean> = {
  ll_scoped_days: (a, v) => scoped(v(a, 0)),
  ll_period_days: (a, v) => scoped(v(a, 2)),
  ll_period_days_direct: (a, v) => scoped(v(a, 2)),
  ll_account_months: periodNotAligned,
  ll_period_accounts: periodNotAligned,
  ll_period_accounts_direct: periodNotAligned,
  participant_issued: periodNotAligned,
  ll_scoped_months: monthsNeedDays,
  ll_scoped_months_direct: monthsNeedDays,
  ll_period_rule_use: () => true,
};
