import { z } from 'zod';
import { UserError } from '../errors.ts';
import { LANGS } from '../i18n/index.ts';

/** `2026Q1`: a calendar quarter, as `ledger-lens report --quarter` takes it. */
export const Quarter = z.string().regex(/^(19|20|21)\d\dQ[1-4]$/, 'must be a quarter such as 2026Q1 (year, "Q", 1–4)');

export const Lang = z.enum(LANGS, { error: `must be one of ${LANGS.join(', ')}` });

/** A grouping attribute name: passed on as a bound value, never spliced into SQL, but still kept to a sane shape. */
export const Attribute = z.string().regex(/^[\p{L}\p{N}_ .-]{1,64}$/u, 'must be an attribute name such as department (letters, digits, _ . -; at most 64)');

export const HomeQuery = z.object({ lang: Lang.optional() });
export const ReportQuery = z.object({ quarter: Quarter, by: Attribute.optional() });
export const ReportPageQuery = ReportQuery.extend({ lang: Lang.optional() });

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

/** [from, to) of a quarter as program-time dates: 2026Q1 → 2026-01-01 … 2026-04-01. */
export function quarterPeriod(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  const pad = (m: number) => String(m).padStart(2, '0');
  const from = `${year}-${pad(q * 3 - 2)}-01`;
  const to = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(q * 3 + 1)}-01`;
  return { from, to };
}
