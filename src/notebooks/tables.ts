import { op, table, type ColumnTable } from 'arquero';

type Row = Record<string, number>;
type Bins = { bins: number[] };

// Reshaping of the small result tables the notebooks draw, with arquero (never raw ledger rows: DuckDB does those).
// Arquero parses the text of `d => …` and compiles it with `new Function`: outside values go in through .params(),
// never by closure. That compilation is also why the dashboard runs arquero only in its reshaping worker
// (src/reshape/), never in the page: the page's Content-Security-Policy (script-src 'self') forbids it.

/** Accounts per arm over shared bin edges, long: one row per arm × bin, with the bin's edges and its share of the arm. */
export function armHistogram(dist: { bins: number[]; arms: { variant: string; counts: number[] }[] }): ColumnTable {
  return table({ arm: dist.arms.map((a) => a.variant), accounts: dist.arms.map((a) => a.counts) })
    .derive({ bin: (d) => op.sequence(0, op.length(d.accounts)) })
    .unroll(['accounts', 'bin'])
    .params({ bins: dist.bins })
    .derive({ bin_from: (d: Row, $: Bins) => $.bins[d.bin], bin_to: (d: Row, $: Bins) => $.bins[d.bin + 1] })
    .groupby('arm')
    .derive({ share: (d: Row) => d.accounts / (op.sum(d.accounts) || 1) })
    .ungroup()
    .select('arm', 'bin', 'bin_from', 'bin_to', 'accounts', 'share');
}

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
