import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH } from '../../charts/common.ts';
import { formatFixed } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { GiniPoint } from '../../report/trends.ts';

export type { GiniPoint };

/** Gini per quarter for all participants and for non-zero earners, the warning line drawn; partial quarters hollow. */
export function giniTrendSpec(lang: Lang, points: GiniPoint[], warning: number): Plot.PlotOptions {
  const long = points
    .flatMap((p) => [
      { ...p, series: t(lang, 'fairness.trend.all'), value: p.gini, color: COLORS.vermillion },
      { ...p, series: t(lang, 'fairness.trend.nonzero'), value: p.gini_nonzero, color: COLORS.blue },
    ])
    .filter((r) => r.value !== null);
  const label = (q: string) => t(lang, 'report.quarter', { year: q.slice(0, 4), q: q.slice(5) });
  return {
    width: FULL_WIDTH,
    height: 240,
    marginLeft: 50,
    marginBottom: 40,
    x: {
      domain: points.map((p) => p.quarter),
      tickFormat: (q: string) => `${q.slice(0, 4)}\nQ${q.slice(5)}`,
      label: t(lang, 'fairness.trend.x'),
      labelArrow: 'none',
      labelAnchor: 'right',
    },
    y: { domain: [0, 1], grid: true, label: t(lang, 'fairness.trend.y'), labelArrow: 'none' },
    marks: [
      Plot.ruleY([warning], { stroke: '#a33c00', strokeDasharray: '4 3' }),
      Plot.text([warning], {
        y: (d: number) => d,
        frameAnchor: 'right',
        text: () => t(lang, 'fairness.trend.warning', { value: formatFixed(lang, warning, 2) }),
        dy: -7,
        fill: '#a33c00',
      }),
      Plot.line(long, { x: 'quarter', y: 'value', stroke: 'color', z: 'series', strokeWidth: 2 }),
      Plot.dot(long, {
        x: 'quarter',
        y: 'value',
        stroke: 'color',
        fill: (r: (typeof long)[number]) => (r.partial ? 'white' : r.color),
        r: 4,
      }),
      Plot.tip(
        long,
        Plot.pointer({
          x: 'quarter',
          y: 'value',
          title: (r: (typeof long)[number]) =>
            `${label(r.quarter)}${r.partial ? ` (${t(lang, 'fairness.trend.partial')})` : ''}\n${r.series}: ${formatFixed(lang, r.value, 3)}\nn = ${r.n}`,
        }),
      ),
    ],
  };
}
