import { op, table } from 'arquero';
import type { CsvValue } from '../csv.ts';

type Row = Record<string, number>;
type Bins = { bins: number[] };

/** The experiment's histogram as the arm-distribution chart draws it: accounts per arm over shared bin edges. */
export interface ArmHistogram {
  bins: number[];
  arms: { variant: string; counts: number[] }[];
}

/**
 * The histogram unrolled long for the chart's CSV: one row per arm × bin (arm, bin_from, bin_to, accounts), arms in
 * their given order. Arquero compiles the `d => …` expressions with `new Function`: this runs only inside the
 * dashboard's reshaping worker, whose own Content-Security-Policy allows that (src/server/security.ts).
 */
export function armBinRows(dist: ArmHistogram): CsvValue[][] {
  return table({ arm: dist.arms.map((a) => a.variant), accounts: dist.arms.map((a) => a.counts) })
    .derive({ bin: (d) => op.sequence(0, op.length(d.accounts)) })
    .unroll(['accounts', 'bin'])
    .params({ bins: dist.bins })
    .derive({ bin_from: (d: Row, $: Bins) => $.bins[d.bin], bin_to: (d: Row, $: Bins) => $.bins[d.bin + 1] })
    .select('arm', 'bin_from', 'bin_to', 'accounts')
    .objects()
    .map((r: object) => {
      const o = r as { arm: string; bin_from: number; bin_to: number; accounts: number };
      return [o.arm, o.bin_from, o.bin_to, o.accounts];
    });
}
