import * as Plot from '@observablehq/plot';
import { parseDay } from '../i18n/format.ts';
import { t, type Lang } from '../i18n/index.ts';
import { COLORS, FULL_WIDTH, compact, monthDate, monthTick } from './common.ts';

export type Monthly = { month: string; issued: number; redeemed: number; expired: number; outstanding: number }[];
type Period = { from: string; to: string };

/** Shades the months of the report period so the reader finds "this quarter" on a two-year chart. */
function periodMark(period: Period) {
  const from = parseDay(period.from);
  const to = parseDay(period.to);
  if (!from || !to) return null;
  // Monthly points sit at the first of their month; the band runs to the start of the last month in the period.
  const lastMonth = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - (to.getUTCDate() === 1 ? 1 : 0), 1));
  return Plot.rectX([{ x1: from, x2: lastMonth }], { x1: 'x1', x2: 'x2', fill: COLORS.highlight, inset: -8 });
}

function xAxis(lang: Lang, months: number) {
  return {
    type: 'utc' as const,
    label: t(lang, 'chart.month'),
    labelAnchor: 'right' as const,
    labelArrow: 'none' as const,
    // Keeps the first month's two-line tick clear of the y axis's "0" in the corner.
    insetLeft: 14,
    insetRight: 8,
    // About eight ticks whatever the span: every month for short series, every quarter for two years.
    ticks: months <= 9 ? '1 month' : months <= 27 ? '3 months' : '6 months',
    tickFormat: monthTick(lang),
  };
}

/** Monthly issued vs redeemed vs expired, the report period shaded. */
export function flowSeries(lang: Lang) {
  return [
    { key: 'issued', label: t(lang, 'series.issued'), color: COLORS.blue, dash: undefined },
    { key: 'redeemed', label: t(lang, 'series.redeemed'), color: COLORS.orange, dash: '6 3' },
    { key: 'expired', label: t(lang, 'series.expired'), color: COLORS.vermillion, dash: '2 3' },
  ] as const;
}

export function flowsSpec(lang: Lang, monthly: Monthly, period: Period, extra: Plot.Markish[] = []): Plot.PlotOptions {
  const series = flowSeries(lang);
  const rows = monthly.map((m) => ({ ...m, date: monthDate(m.month) }));
  const band = periodMark(period);
  return {
    width: FULL_WIDTH,
    height: 195,
    marginLeft: 56,
    marginBottom: 44,
    marginTop: 26,
    x: xAxis(lang, monthly.length),
    y: { label: t(lang, 'chart.points'), grid: true, tickFormat: compact(lang), zero: true },
    marks: [
      ...(band ? [band] : []),
      Plot.ruleY([0]),
      ...series.flatMap((s) => [
        Plot.lineY(rows, { x: 'date', y: s.key, stroke: s.color, strokeWidth: 2, strokeDasharray: s.dash }),
        Plot.dot(rows, { x: 'date', y: s.key, fill: s.color, r: 2 }),
      ]),
      ...extra,
    ],
  };
}

/** Outstanding points at each month end: the stock the flows above add to. */
export function outstandingSpec(
  lang: Lang,
  monthly: Monthly,
  period: Period,
  extra: Plot.Markish[] = [],
): Plot.PlotOptions {
  const rows = monthly.map((m) => ({ ...m, date: monthDate(m.month) }));
  const band = periodMark(period);
  return {
    width: FULL_WIDTH,
    height: 150,
    marginLeft: 56,
    marginBottom: 44,
    marginTop: 26,
    x: xAxis(lang, monthly.length),
    y: { label: t(lang, 'chart.outstanding'), grid: true, tickFormat: compact(lang), zero: true },
    marks: [
      ...(band ? [band] : []),
      Plot.areaY(rows, { x: 'date', y: 'outstanding', fill: COLORS.sky, fillOpacity: 0.25 }),
      Plot.lineY(rows, { x: 'date', y: 'outstanding', stroke: COLORS.blue, strokeWidth: 2 }),
      Plot.ruleY([0]),
      ...extra,
    ],
  };
}
