import { from, table, type ColumnTable } from 'arquero';

// Reshaping of the small result tables the notebooks draw, with arquero (never raw ledger rows: DuckDB does those).
// Arquero parses the text of `d => …` and compiles it with `new Function`: outside values go in through .params(),
// never by closure. That compilation is also why the dashboard runs arquero only in its reshaping worker
// (src/reshape/), never in the page: the page's Content-Security-Policy (script-src 'self') forbids it.

/** A monthly series folded long for a line per kind: one row per month × kind with its points. */
export function monthlyLong(
  monthly: { month: string; issued: number; redeemed: number; expired: number }[],
): ColumnTable {
  return table({
    month: monthly.map((m) => m.month),
    issued: monthly.map((m) => m.issued),
    redeemed: monthly.map((m) => m.redeemed),
    expired: monthly.map((m) => m.expired),
  })
    .fold(['issued', 'redeemed', 'expired'], { as: ['kind', 'points'] })
    .orderby('month');
}

/** The notebook's words for the two parts of Theil T. */
const THEIL_PARTS = table({ key: ['theil_between', 'theil_within'], part: ['between groups', 'within groups'] });

/**
 * Theil T of each attribute folded long for one stacked bar per attribute: one row per attribute × part (between
 * groups, then within), with the part's value; the parts' words joined on.
 */
export function theilParts(
  by: { attribute: string; theil_between: number | null; theil_within: number | null }[],
): ColumnTable {
  return from(by, ['attribute', 'theil_between', 'theil_within'])
    .fold(['theil_between', 'theil_within'], { as: ['key', 'value'] })
    .lookup(THEIL_PARTS, 'key', 'part')
    .select('attribute', 'part', 'value');
}
