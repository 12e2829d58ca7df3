import * as Plot from '@observablehq/plot';
import { formatNumber } from '../../../i18n/format.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import type { Report } from '../../schema.ts';
import { esc } from '../escape.ts';
import { plotSvg } from '../plot-dom.ts';
import { COLORS, emptyChart, legend } from './common.ts';

const percentTick = (lang: Lang) => {
  const f = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return (v: number) => f.format(v);
};

/** The Lorenz curve against the line of equality; the gap between them is what the Gini measures. */
export function lorenzChart(lang: Lang, lorenz: Report['series']['lorenz'], gini: number | null): string {
  if (lorenz.length < 2) return emptyChart(lang);
  const rows = [...lorenz].sort((a, b) => a.p - b.p);
  const svg = plotSvg({
    width: 340,
    height: 265,
    marginLeft: 48,
    marginBottom: 40,
    marginTop: 26,
    marginRight: 22,
    x: { domain: [0, 1], label: t(lang, 'chart.lorenz.x'), labelAnchor: 'right', labelArrow: 'none', tickFormat: percentTick(lang), ticks: 5 },
    y: { domain: [0, 1], label: t(lang, 'chart.lorenz.y'), labelArrow: 'none', tickFormat: percentTick(lang), ticks: 5, grid: true },
    marks: [
      Plot.areaY(rows, { x: 'p', y1: 'l', y2: 'p', fill: COLORS.orange, fillOpacity: 0.2 }),
      Plot.line([[0, 0], [1, 1]], { stroke: COLORS.grey, strokeDasharray: '5 3', strokeWidth: 1.5 }),
      Plot.line(rows, { x: 'p', y: 'l', stroke: COLORS.vermillion, strokeWidth: 2.5 }),
      Plot.frame({ stroke: '#ccc' }),
    ],
  });
  const caption = gini === null ? '' : `<p class="caption">${esc(t(lang, 'chart.lorenz.caption', { gini: formatNumber(lang, gini, 3) }))}</p>`;
  return (
    legend([
      { label: t(lang, 'chart.lorenz.actual'), color: COLORS.vermillion },
      { label: t(lang, 'chart.lorenz.equality'), color: COLORS.grey, shape: 'dash' },
    ]) +
    svg +
    caption
  );
}
