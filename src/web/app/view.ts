import type { Meta } from './meta.ts';

/** The analysis view a page shows, read from the URL: period and filter. Every API call of a page derives from it. */
export interface View {
  quarter: string | null;
  /** A month of the quarter chosen by clicking the monthly chart or the picker; it replaces the quarter as period. */
  month: string | null;
  /** `attribute=value` (the filter chip). */
  filter: string | null;
  /** The filter names a value no account has: the page says so once instead of asking for data of nobody. */
  filterUnknown: boolean;
  /** A ?quarter= the ledger does not have, replaced by `quarter`; the page says so. */
  quarterUnknown: string | null;
}

export function viewOf(params: URLSearchParams, meta: Meta): View {
  const q = params.get('quarter');
  const quarter = q && meta.quarters.includes(q) ? q : meta.default_quarter;
  const m = params.get('month');
  const filter = params.get('filter');
  const f = splitFilter(filter);
  const filterUnknown =
    filter !== null &&
    !(f && meta.attributes.some((a) => a.attribute === f.attribute && a.values.some((v) => v.value === f.value)));
  return {
    quarter,
    month: m && /^\d{4}-\d{2}$/.test(m) ? m : null,
    filter,
    filterUnknown,
    quarterUnknown: q && q !== quarter ? q : null,
  };
}

/** The API parameters of a view: a month wins over its quarter. */
export function periodParams(v: View): { quarter?: string; month?: string } {
  return v.month ? { month: v.month } : v.quarter ? { quarter: v.quarter } : {};
}

/** The months of a quarter, `2026Q2` → 2026-04 … 2026-06. */
export function monthsOf(quarter: string): string[] {
  const y = quarter.slice(0, 4);
  const q = Number(quarter.slice(5));
  return [0, 1, 2].map((i) => `${y}-${String((q - 1) * 3 + i + 1).padStart(2, '0')}`);
}

export function splitFilter(filter: string | null): { attribute: string; value: string } | null {
  if (!filter) return null;
  const at = filter.indexOf('=');
  return at > 0 ? { attribute: filter.slice(0, at), value: filter.slice(at + 1) } : null;
}
