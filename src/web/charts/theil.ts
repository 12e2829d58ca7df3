import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH } from '../../charts/common.ts';
import { formatPercent } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';

/** One stacked bar: the share of total inequality (Theil T) between the groups and within them. */
export function theilSpec(lang: Lang, betweenShare: number): Plot.PlotOptions {
  const parts = [
    { part: t(lang, 'fairness.theil.between'), share: betweenShare, start: 0, color: COLORS.orange },
    { part: t(lang, 'fairness.theil.within'), share: 1 - betweenShare, start: betweenShare, color: COLORS.sky },
  ];
  return {
    width: FULL_WIDTH,
    height: 90,
    marginLeft: 10,
    marginRight: 10,
    marginBottom: 34,
    x: {
      domain: [0, 1],
      tickFormat: (v: number) => formatPercent(lang, v, 0),
      label: t(lang, 'fairness.theil.x'),
      labelAnchor: 'right',
      labelArrow: 'none',
    },
    y: { axis: null },
    marks: [
      Plot.barX(parts, {
        x1: 'start',
        x2: (p: (typeof parts)[number]) => p.start + p.share,
        fill: 'color',
        insetTop: 8,
        insetBottom: 8,
      }),
      Plot.text(
        parts.filter((p) => p.share > 0.08),
        {
          x: (p: (typeof parts)[number]) => p.start + p.share / 2,
          text: (p: (typeof parts)[number]) => `${p.part} ${formatPercent(lang, p.share, 1)}`,
          fill: '#111',
        },
      ),
    ],
  };
}
