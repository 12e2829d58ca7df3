import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, compact } from '../../charts/common.ts';
import { formatDate, formatPoints } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { ChartDay } from '../../audit/daily-chart.ts';
import type { SwatchShape } from '../legend-swatch.ts';
import { dayTick } from './ticks.ts';

/** A day of the program series (src/audit/daily-chart.ts); a type import, so no server code reaches the bundle. */
export type DayPoint = ChartDay;

/**
 * Daily issued points with the weekday-median band, the program spike days as red dots, the rule spike days as
 * orange diamonds (the rules in the tooltip), days far below the band as hollow red circles, rule drops as orange
 * downward triangles, and campaign days shaded.
 */
export function dailySpec(lang: Lang, days: DayPoint[]): Plot.PlotOptions {
  const rows = days.map((d) => ({ ...d, date: new Date(`${d.day}T00:00:00Z`) }));
  const band = rows.filter((r) => r.lower !== null && r.upper !== null);
  // The band is drawn up to twice the largest day or expected value in view: a thin weekend's band can reach a
  // hundred times its level (anything goes that day), and a frame that tall flattens every day into the axis. The
  // tooltip still gives the band's range.
  const top = 2 * Math.max(0, ...rows.map((r) => Math.max(r.value, r.expected ?? 0)));
  return {
    width: FULL_WIDTH,
    height: 220,
    marginLeft: 56,
    marginBottom: 36,
    x: { type: 'utc', label: null, tickFormat: dayTick(lang) },
    y: {
      label: t(lang, 'health.daily.y'),
      grid: true,
      tickFormat: compact(lang),
      zero: true,
      ...(top > 0 ? { domain: [0, top] } : {}),
    },
    marks: [
      Plot.ruleX(
        rows.filter((r) => r.campaigns?.length),
        { x: 'date', stroke: COLORS.campaign, strokeWidth: 8 },
      ),
      Plot.areaY(band, { x: 'date', y1: 'lower', y2: 'upper', fill: COLORS.band, curve: 'step', clip: true }),
      Plot.lineY(rows, { x: 'date', y: 'value', stroke: COLORS.blue, strokeWidth: 1.5 }),
      Plot.dot(
        rows.filter((r) => r.spike),
        { x: 'date', y: 'value', fill: COLORS.vermillion, r: 5, stroke: 'white' },
      ),
      Plot.dot(
        rows.filter((r) => !r.spike && r.rules?.length),
        { x: 'date', y: 'value', fill: COLORS.orange, symbol: 'diamond', r: 5, stroke: 'white' },
      ),
      // Below the band: the program's drop (a note in the audit) as a hollow circle, a rule's drop (flagged) as a
      // downward triangle.
      Plot.dot(
        rows.filter((r) => r.drop),
        { x: 'date', y: 'value', stroke: COLORS.vermillion, strokeWidth: 2, r: 5, fill: 'white' },
      ),
      Plot.dot(
        rows.filter((r) => !r.drop && r.drops?.length),
        { x: 'date', y: 'value', fill: COLORS.orange, symbol: 'triangle', rotate: 180, r: 5, stroke: 'white' },
      ),
      Plot.ruleY([0]),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'date',
          y: 'value',
          title: (r: (typeof rows)[number]) =>
            [
              formatDate(lang, r.day),
              `${t(lang, 'series.issued')}: ${formatPoints(lang, r.value)}`,
              r.expected === null
                ? ''
                : `${t(lang, 'health.daily.expected')}: ${formatPoints(lang, r.lower)} – ${formatPoints(lang, r.upper)}`,
              r.spike ? t(lang, 'health.daily.spike') : '',
              ...(r.rules ?? []).map(
                (x) =>
                  `${t(lang, 'health.daily.rule_spike')}: ${x.rule_id} ${formatPoints(lang, x.value)} (${t(lang, 'health.daily.usual')} ${formatPoints(lang, x.expected)})`,
              ),
              r.drop ? t(lang, 'health.daily.drop') : '',
              ...(r.drops ?? []).map(
                (x) =>
                  `${t(lang, 'health.daily.rule_drop')}: ${x.rule_id} ${formatPoints(lang, x.value)} (${t(lang, 'health.daily.usual')} ${formatPoints(lang, x.expected)})`,
              ),
              ...(r.campaigns ?? []).map((c) => `${t(lang, 'health.daily.campaign')}: ${c}`),
            ]
              .filter(Boolean)
              .join('\n'),
        }),
      ),
    ],
  };
}

/**
 * The daily chart's legend: every mark the chart can draw, on Health and on the Audit page alike (an auditor who sees
 * a ring or a triangle must find it named).
 */
export function dailyLegend(lang: Lang): { label: string; color: string; shape?: SwatchShape }[] {
  return [
    { label: t(lang, 'series.issued'), color: COLORS.blue },
    { label: t(lang, 'health.daily.expected'), color: COLORS.band, shape: 'box' },
    { label: t(lang, 'health.daily.spike'), color: COLORS.vermillion, shape: 'dot' },
    { label: t(lang, 'health.daily.rule_spike'), color: COLORS.orange, shape: 'diamond' },
    { label: t(lang, 'health.daily.drop'), color: COLORS.vermillion, shape: 'ring' },
    { label: t(lang, 'health.daily.rule_drop'), color: COLORS.orange, shape: 'triangle-down' },
    { label: t(lang, 'health.daily.campaign'), color: COLORS.campaign, shape: 'column' },
  ];
}
