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

/** A declared type as DuckDB writes it: the nullable marks, a STRUCT field's included, are about values, not types. */
export function duckdbType(type: string): string {
  return type.replace(/\s*\((nullable|null\b[^)]*)\)/gi, '').trim();
}

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

/** One scalar DuckDB type as it travels: its zod schema and the TypeScript type of what that schema accepts. */
interface Scalar {
  zod: (direction: Direction) => z.ZodType;
  ts: (direction: Direction) => string;
}

const int: Scalar = { zod: () => z.number().int(), ts: () => 'number' };
const timestamp = (t: string): Scalar => ({
  zod: (d) => (d === 'param' ? z.string().regex(TIMESTAMP_TEXT, `expected YYYY-MM-DD[ HH:MM:SS] for ${t}`) : z.date()),
  ts: (d) => (d === 'param' ? 'string' : 'Date'),
});

/**
 * The header grammar's scalar types, each with its zod schema and its TypeScript type side by side, so the rows run()
 * validates and the types tsc checks callers against (src/db/query-declarations.ts) come from one table.
 */
const SCALARS: Record<string, Scalar> = {
  VARCHAR: { zod: () => z.string(), ts: () => 'string' },
  TINYINT: int,
  SMALLINT: int,
  INTEGER: int,
  // BIGINT arrives as a bigint unless SQL casts it (the metric files cast to INTEGER).
  BIGINT: {
    zod: (d) => (d === 'param' ? z.number().int() : z.union([z.number().int(), z.bigint()])),
    ts: (d) => (d === 'param' ? 'number' : 'number | bigint'),
  },
  // DECIMAL arrives as a JS number.
  DECIMAL: { zod: () => z.number(), ts: () => 'number' },
  DOUBLE: { zod: () => z.number(), ts: () => 'number' },
  BOOLEAN: { zod: () => z.boolean(), ts: () => 'boolean' },
  DATE: timestamp('DATE'),
  TIMESTAMP: timestamp('TIMESTAMP'),
};

/** A type of the header grammar taken apart: a scalar, a list of a type, or a STRUCT of declared fields. */
type Shape = { scalar: Scalar } | { list: Shape } | { struct: { name: string; nullable: boolean; shape: Shape }[] };

function shapeOf(type: string): Shape {
  const t = type.trim();
  if (t.endsWith('[]')) return { list: shapeOf(t.slice(0, -2)) };
  const struct = /^STRUCT\((.*)\)$/is.exec(t);
  if (struct)
    return {
      struct: parseDeclared(struct[1]).map((f) => ({ name: f.name, nullable: f.nullable, shape: shapeOf(f.type) })),
    };
  const scalar = SCALARS[/^DECIMAL\(\d+,\s*\d+\)$/i.test(t) ? 'DECIMAL' : t.toUpperCase()];
  if (scalar) return { scalar };
  throw new Error(
    `unknown type ${t}: use VARCHAR, TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL(p,s), DOUBLE, BOOLEAN, DATE, TIMESTAMP, T[] or STRUCT(...) (cast in SQL)`,
  );
}

function zodOfShape(s: Shape, direction: Direction): z.ZodType {
  if ('scalar' in s) return s.scalar.zod(direction);
  if ('list' in s) return z.array(zodOfShape(s.list, direction));
  return z.object(
    Object.fromEntries(s.struct.map((f) => [f.name, withNull(zodOfShape(f.shape, direction), f.nullable)])),
  );
}

function tsOfShape(s: Shape, direction: Direction): string {
  if ('scalar' in s) return s.scalar.ts(direction);
  if ('list' in s) return `Array<${tsOfShape(s.list, direction)}>`;
  return `{ ${s.struct.map((f) => `${f.name}: ${tsOfShape(f.shape, direction)}${f.nullable ? ' | null' : ''};`).join(' ')} }`;
}

/** The zod schema of one DuckDB type as the header writes it; throws on a type the header grammar does not know. */
export function zodForType(type: string, direction: Direction): z.ZodType {
  return zodOfShape(shapeOf(type), direction);
}

/** The TypeScript type of the values zodForType(type, direction) accepts. */
export function tsForType(type: string, direction: Direction): string {
  return tsOfShape(shapeOf(type), direction);
}

/** The TypeScript object type of a declaration list, as objectSchema(items, direction) accepts it. */
export function tsObjectType(items: Declared[], direction: Direction, indent: string): string {
  const lines = items.map((d) => {
    const type = tsForType(d.type, direction) + (d.nullable ? ' | null' : '');
    // A nullable param may be left out (run() binds it as NULL), as withNull makes the schema say.
    return `${indent}  ${d.name}${d.nullable && direction === 'param' ? '?' : ''}: ${type};`;
  });
  return lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
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
