import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH } from '../../charts/common.ts';
import { formatPercent } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';

export interface BenfordBar {
  digits: number;
  count: number;
  observed: number;
  expected: number;
}

/** Observed share per leading digit (bars) against Benford's expected share (the line with dots). */
export function benfordSpec(lang: Lang, bins: BenfordBar[]): Plot.PlotOptions {
  return {
    width: bins.length > 9 ? FULL_WIDTH : 460,
    height: 240,
    marginLeft: 50,
    marginBottom: 36,
    x: {
      label: t(lang, 'audit.benford.x'),
      labelAnchor: 'center',
      labelArrow: 'none',
      tickFormat: (d: number) => String(d),
      padding: 0.15,
      ticks: bins.length > 9 ? bins.filter((b) => b.digits % 10 === 0).map((b) => b.digits) : undefined,
    },
    y: { label: t(lang, 'audit.benford.y'), tickFormat: (v: number) => formatPercent(lang, v, 0), grid: true },
    marks: [
      Plot.barY(bins, { x: 'digits', y: 'observed', fill: COLORS.blue, fillOpacity: 0.75 }),
      Plot.lineY(bins, { x: 'digits', y: 'expected', stroke: COLORS.vermillion, strokeWidth: 2 }),
      Plot.dot(bins, { x: 'digits', y: 'expected', fill: COLORS.vermillion, r: 3 }),
      Plot.ruleY([0]),
      Plot.tip(
        bins,
        Plot.pointerX({
          x: 'digits',
          y: 'observed',
          title: (b: BenfordBar) =>
            `${b.digits}: ${formatPercent(lang, b.observed, 1)} (${b.count})\n${t(lang, 'audit.benford.expected')}: ${formatPercent(lang, b.expected, 1)}`,
        }),
      ),
    ],
  };
}
