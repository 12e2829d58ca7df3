import { z } from 'zod';
import type { Scope } from '../db/scope.ts';
import { UserError } from '../errors.ts';
import { LANGS } from '../i18n/index.ts';
import type { PeriodQuery } from './context.ts';
import { monthPeriod, quarterPeriod } from '../dates.ts';

export { monthPeriod, quarterPeriod };

/** `2026Q1`: a calendar quarter, as `ledger-lens report --quarter` takes it. */
export const Quarter = z.string().regex(/^(19|20|21)\d\dQ[1-4]$/, 'must be a quarter such as 2026Q1 (year, "Q", 1–4)');

/** `2026-05`: a calendar month (the dashboard's month filter). */
export const Month = z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-05');

export const DayParam = z
  .string()
  .regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date such as 2026-05-31')
  // 2026-02-30 has the shape of a date but no such day exists; DuckDB would fail on it.
  .refine((s) => !/^\d{4}-\d\d-\d\d$/.test(s) || isCalendarDay(s), 'is not a day of the calendar (no such day)');

function isCalendarDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `from` … `to` of a request, `from` not after `to`. */
export const DayRange = z
  .object({ from: DayParam, to: DayParam })
  .refine((r) => r.from <= r.to, { message: 'must not be after to (from is after to)', path: ['from'] });

export const LangParam = z.enum(LANGS, { error: `must be one of ${LANGS.join(', ')}` });

const NAME = /^[\p{L}\p{N}_ .-]{1,64}$/u;

/** A grouping attribute name: passed on as a bound value, never spliced into SQL, but still kept to a sane shape. */
export const Attribute = z
  .string()
  .regex(NAME, 'must be an attribute name such as department (letters, digits, _ . -; at most 64)');

/** `department=生产部`: the page's filter chip, as `ledger-lens report --filter` takes it. */
export const Filter = z
  .string()
  .max(200, 'must be at most 200 characters')
  .transform((s, ctx): Scope => {
    const at = s.indexOf('=');
    const attribute = s.slice(0, at);
    const value = s.slice(at + 1);
    if (at <= 0 || !NAME.test(attribute) || value === '') {
      ctx.addIssue({ code: 'custom', message: 'must be ATTRIBUTE=VALUE such as department=Sales' });
      return z.NEVER;
    }
    return { attribute, value };
  });

/** The period of a request: `quarter`, or `month`, or neither (the default quarter); not both. */
export const PeriodQueryParams = z
  .object({ quarter: Quarter.optional(), month: Month.optional() })
  .refine((p) => !(p.quarter && p.month), { message: 'give quarter or month, not both', path: ['month'] });

export const HomeQuery = z.object({ lang: LangParam.optional() });
export const ReportQuery = PeriodQueryParams.and(z.object({ by: Attribute.optional(), filter: Filter.optional() }));
export const ReportPageQuery = PeriodQueryParams.and(
  z.object({ by: Attribute.optional(), filter: Filter.optional(), lang: LangParam.optional() }),
);
export const ScopeQuery = z.object({ filter: Filter.optional() });

/** The first value of each query parameter, validated; any problem becomes a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in raw)) raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? '(query)');
    const got = raw[name] === undefined ? 'missing' : `got ${JSON.stringify(raw[name].slice(0, 40))}`;
    return `${name}: ${i.message} (${got})`;
  });
  throw new UserError('bad_parameter', issues.join('; '), { hint: 'Example: ?quarter=2026Q1&lang=zh-CN' });
}

/** The period a request names; {} = the report's default quarter. */
export function periodOf(q: { quarter?: string; month?: string }): PeriodQuery {
  if (q.quarter) return quarterPeriod(q.quarter);
  if (q.month) return monthPeriod(q.month);
  return {};
}
