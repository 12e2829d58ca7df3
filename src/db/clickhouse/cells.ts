// Which cells of a large rollup (reduce.ts LAZY_REDUCTIONS) an on-demand source holds: the reduction of the rows of
// one condition over a range of whole days. A request the held cells cover fetches nothing; any other widens them
// (the union of the two ranges under the same condition, else every row), so the cells only ever grow while a
// source is open: a view an audit made over them (src/db/audit-rollup.ts) keeps every cell it was made with.
import { chString } from './literal.ts';

export interface CellRange {
  /** A ClickHouse condition on the rows, written by demand.ts ('1' for every row). */
  filter: string;
  /** Whole days, YYYY-MM-DD: from inclusive, to exclusive; null is unbounded. */
  from: string | null;
  to: string | null;
}

export type Cells = CellRange | 'all';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(day: string | null) {
  if (day !== null && !DAY.test(day)) throw new Error(`not a YYYY-MM-DD day: ${day}`);
}

/** Whether `held` holds every cell of `want`. */
export function covers(held: Cells | undefined, want: Cells): boolean {
  if (held === undefined) return false;
  if (held === 'all') return true;
  if (want === 'all' || held.filter !== want.filter) return false;
  const fromOk = held.from === null || (want.from !== null && held.from <= want.from);
  const toOk = held.to === null || (want.to !== null && held.to >= want.to);
  return fromOk && toOk;
}

/** The cells to fetch so that both `held` and `want` are present. */
export function widen(held: Cells | undefined, want: Cells): Cells {
  if (held === undefined) return want;
  if (held === 'all' || want === 'all' || held.filter !== want.filter) return 'all';
  // YYYY-MM-DD strings sort as days do.
  const from = held.from === null || want.from === null ? null : [held.from, want.from].sort()[0];
  const to = held.to === null || want.to === null ? null : [held.to, want.to].sort()[1];
  return { filter: held.filter, from, to };
}

/** The ClickHouse condition on the rows of these cells. */
export function cellCondition(cells: Cells): string {
  if (cells === 'all') return '1';
  checkDay(cells.from);
  checkDay(cells.to);
  const parts = [cells.filter];
  if (cells.from !== null) parts.push(`occurred_at >= toDateTime(${chString(`${cells.from} 00:00:00`)})`);
  if (cells.to !== null) parts.push(`occurred_at < toDateTime(${chString(`${cells.to} 00:00:00`)})`);
  return parts.join(' AND ');
}
