import { from, op, table, type ColumnTable } from 'arquero';
import type { CsvValue } from '../csv.ts';

/**
 * How one column of a chart's download is read from the API's result rows: a field under its own name, or a named
 * column taken from a field — one end of a [low, high] interval, a list as space-separated words (of its items or of
 * one key of each), or a label joined on (key → label, worded by the page in its language).
 */
export type ChartColumn<K extends string> =
  | K
  | { name: string; from: K; end?: 0 | 1; words?: true | string; labels?: Record<string, string> };

/** A chart's downloadable table: result rows, stacked in order when there are several parts, each part optionally tagged. */
export interface ChartTableSpec<K extends string = string> {
  parts: { rows: readonly object[]; tag?: Record<string, string> }[];
  columns: ChartColumn<K>[];
}

/** A table as a CSV takes it: the header and the rows of values. */
export interface CsvRows {
  header: string[];
  rows: CsvValue[][];
}

type D = Record<string, unknown>;
type P = { f: string; end: number; key: string; v: string };
const nameOf = <K extends string>(c: ChartColumn<K>) => (typeof c === 'string' ? c : c.name);
const fieldOf = <K extends string>(c: ChartColumn<K>) => (typeof c === 'string' ? c : c.from);
// Output columns are built under names no result field has, then renamed: a column may reuse a field's name.
const slot = (i: number) => `\u0000${i}`;

/**
 * The columns of a chart's download, built with arquero from the result rows the chart draws (never raw ledger rows:
 * DuckDB does those). The expressions below are fixed text; field names and labels go in as data through .params()
 * and lookup tables, so nothing a message carries is ever compiled.
 */
export function chartTable(spec: ChartTableSpec): CsvRows {
  const tags = new Set(spec.parts.flatMap((p) => Object.keys(p.tag ?? {})));
  const fields = [...new Set(spec.columns.map(fieldOf))].filter((f) => !tags.has(f));
  const [first, ...rest] = spec.parts.map((p) => tagged(from(p.rows as object[], fields), p.tag ?? {}));
  let t = (first ?? from([], fields)).concat(...rest);
  spec.columns.forEach((c, i) => {
    t = column(t, c, slot(i));
  });
  const header = spec.columns.map(nameOf);
  const out = t.select(Object.fromEntries(header.map((h, i) => [slot(i), h])));
  return { header, rows: out.objects().map((o) => header.map((h) => ((o as D)[h] ?? null) as CsvValue)) };
}

function tagged(t: ColumnTable, tag: Record<string, string>): ColumnTable {
  for (const [k, v] of Object.entries(tag)) t = t.params({ v }).derive({ [k]: (_d: D, $: P) => $.v });
  return t;
}

function column(t: ColumnTable, c: ChartColumn<string>, as: string): ColumnTable {
  if (typeof c === 'string') return t.params({ f: c }).derive({ [as]: (d: D, $: P) => d[$.f] });
  const p = t.params({ f: c.from, end: c.end ?? 0, key: typeof c.words === 'string' ? c.words : '' });
  if (c.labels) {
    const keys = Object.keys(c.labels);
    const k = `${as}key`;
    return p.lookup(table({ [k]: keys, [as]: keys.map((key) => c.labels![key]) }), [c.from, k], as);
  }
  if (c.end !== undefined)
    return p.derive({ [as]: (d: D, $: P) => (d[$.f] == null ? null : (d[$.f] as number[])[$.end]) });
  if (c.words === true) return p.derive({ [as]: (d: D, $: P) => op.join(d[$.f] as string[], ' ') });
  if (c.words) return p.derive({ [as]: (d: D, $: P) => op.join(op.pluck(d[$.f] as object[], $.key), ' ') });
  return p.derive({ [as]: (d: D, $: P) => d[$.f] });
}
