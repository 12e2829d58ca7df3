import { z } from 'zod';

/**
 * The header of a query file is its typed declaration: `-- params: $from TIMESTAMP, $x VARCHAR (nullable)` and
 * `-- returns: n INTEGER, share DOUBLE (nullable), lorenz STRUCT(p DOUBLE, l DOUBLE)[]`. This module turns those
 * declarations into zod schemas, so a column renamed or retyped in SQL fails where the rows are read, not in a caller.
 */

/** One declared param or column: its name, its DuckDB type as written, and whether null is allowed. */
export interface Declared {
  name: string;
  type: string;
  nullable: boolean;
}

/** Splits on commas that are not inside parentheses, so `DECIMAL(18,2)` and `STRUCT(a INTEGER, b DOUBLE)` stay whole. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/** A trailing `(nullable)` or a note such as `(null when issued = 0)` marks a value that may be null. */
const NULL_MARK = /\s*\((nullable|null\b[^)]*)\)\s*$/i;

/** Parses a header list (`$from TIMESTAMP, $to TIMESTAMP (nullable)`) into declarations; `none` is the empty list. */
export function parseDeclared(list: string): Declared[] {
  const s = list.trim();
  if (s === '' || /^none/i.test(s)) return [];
  return splitTopLevel(s).map((part) => {
    const p = part.trim();
    const m = /^\$?([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/.exec(p);
    if (!m) throw new Error(`"${p}" is not "name TYPE": write each item as a name and a DuckDB type`);
    const nullable = NULL_MARK.test(m[2]);
    return { name: m[1], type: m[2].replace(NULL_MARK, '').trim(), nullable };
  });
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS[.ffffff]]`, wall-clock time as the queries bind it. */
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/;

/** How a value travels: params are bound from JS values, rows come back through getRowObjectsJS (dates as Date). */
export type Direction = 'param' | 'row';

/** The zod schema of one DuckDB type as the header writes it; throws on a type the header grammar does not know. */
export function zodForType(type: string, direction: Direction): z.ZodType {
  const t = type.trim();
  if (t.endsWith('[]')) return z.array(zodForType(t.slice(0, -2), direction));
  const struct = /^STRUCT\((.*)\)$/is.exec(t);
  if (struct) {
    const fields = parseDeclared(struct[1]);
    return z.object(
      Object.fromEntries(fields.map((f) => [f.name, withNull(zodForType(f.type, direction), f.nullable)])),
    );
  }
  // DECIMAL arrives as a JS number; BIGINT as a bigint unless SQL casts it (the metric files cast to INTEGER).
  if (/^DECIMAL\(\d+,\s*\d+\)$/i.test(t)) return z.number();
  switch (t.toUpperCase()) {
    case 'VARCHAR':
      return z.string();
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
      return z.number().int();
    case 'BIGINT':
      return direction === 'param' ? z.number().int() : z.union([z.number().int(), z.bigint()]);
    case 'DOUBLE':
      return z.number();
    case 'BOOLEAN':
      return z.boolean();
    case 'DATE':
    case 'TIMESTAMP':
      return direction === 'param'
        ? z.string().regex(TIMESTAMP_TEXT, `expected YYYY-MM-DD[ HH:MM:SS] for ${t}`)
        : z.date();
    default:
      throw new Error(
        `unknown type ${t}: use VARCHAR, TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL(p,s), DOUBLE, BOOLEAN, DATE, TIMESTAMP, T[] or STRUCT(...) (cast in SQL)`,
      );
  }
}

function withNull(s: z.ZodType, nullable: boolean, direction: Direction = 'row'): z.ZodType {
  // A nullable param may also be left out: run() binds it as NULL.
  if (!nullable) return s;
  return direction === 'param' ? s.nullish() : s.nullable();
}

/** The object schema of a declaration list: every name required, null only where marked. */
export function objectSchema(items: Declared[], direction: Direction): z.ZodObject<Record<string, z.ZodType>> {
  return z.object(
    Object.fromEntries(items.map((d) => [d.name, withNull(zodForType(d.type, direction), d.nullable, direction)])),
  );
}

/** The header field `-- key: …` of a query file, or '' when absent. */
export function headerField(sql: string, key: string): string {
  const line = sql.split('\n').find((l) => l.toLowerCase().startsWith(`-- ${key}:`));
  return line?.slice(key.length + 4).trim() ?? '';
}

/** The param and row schemas a query file declares in its header. */
export function schemasOf(sql: string): {
  params: z.ZodObject<Record<string, z.ZodType>>;
  row: z.ZodObject<Record<string, z.ZodType>>;
} {
  return {
    params: objectSchema(parseDeclared(headerField(sql, 'params')), 'param'),
    row: objectSchema(parseDeclared(headerField(sql, 'returns')), 'row'),
  };
}
