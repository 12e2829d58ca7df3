import * as Plot from '@observablehq/plot';
import { t, type Lang } from '../i18n/index.ts';
import { COLORS, percentTick } from './common.ts';

export type LorenzPoints = { p: number; l: number }[];

/** The Lorenz curve against the line of equality; the gap between them is what the Gini measures. */
export function lorenzSpec(lang: Lang, lorenz: LorenzPoints, extra: Plot.Markish[] = []): Plot.PlotOptions {
  const rows = [...lorenz].sort((a, b) => a.p - b.p);
  return {
    width: 340,
    height: 265,
    marginLeft: 48,
    marginBottom: 40,
    marginTop: 26,
    marginRight: 22,
    x: {
      domain: [0, 1],
      label: t(lang, 'chart.lorenz.x'),
      labelAnchor: 'right',
      labelArrow: 'none',
      tickFormat: percentTick(lang),
      ticks: 5,
    },
    y: {
      domain: [0, 1],
      label: t(lang, 'chart.lorenz.y'),
      labelArrow: 'none',
      tickFormat: percentTick(lang),
      ticks: 5,
      grid: true,
    },
    marks: [
      Plot.areaY(rows, { x: 'p', y1: 'l', y2: 'p', fill: COLORS.orange, fillOpacity: 0.2 }),
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: COLORS.grey, strokeDasharray: '5 3', strokeWidth: 1.5 },
      ),
      Plot.line(rows, { x: 'p', y: 'l', stroke: COLORS.vermillion, strokeWidth: 2.5 }),
      Plot.frame({ stroke: '#ccc' }),
      ...extra,
    ],
  };
}

export function lorenzLegend(lang: Lang) {
  return [
    { label: t(lang, 'chart.lorenz.actual'), color: COLORS.vermillion, shape: 'line' as const },
    { label: t(lang, 'chart.lorenz.equality'), color: COLORS.grey, shape: 'dash' as const },
  ];
}
