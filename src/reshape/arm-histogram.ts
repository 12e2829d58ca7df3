import { op, table, type ColumnTable } from 'arquero';

type Row = Record<string, number>;
type Bins = { bins: number[] };

/** An experiment's histogram as the API answers it: accounts per arm over shared bin edges. */
export interface ArmHistogram {
  bins: number[];
  arms: { variant: string; counts: number[] }[];
}

/** One arm × bin of the long histogram: the bin's edges, its accounts and its share of the arm's accounts. */
export interface ArmBin {
  arm: string;
  bin: number;
  bin_from: number;
  bin_to: number;
  accounts: number;
  share: number;
}

/**
 * The histogram long, one row per arm × bin (arms and bins in their given order), with each bin's share of its arm so
 * arms of different sizes compare. The dashboard's arm-distribution chart, its CSV and the experiment notebook all
 * draw from this. Arquero compiles the `d => …` expressions with `new Function`; outside values go in through
 * .params(). In the dashboard this runs only in the reshaping worker, whose own policy allows that
 * (src/server/security.ts).
 */
export function armHistogram(dist: ArmHistogram): ColumnTable {
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
