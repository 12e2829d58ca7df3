import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, compact } from '../../charts/common.ts';
import { formatDate, formatPoints } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { BandPoint } from '../../audit/series.ts';
import { dayTick } from './ticks.ts';

/** A day of the program series (src/audit/series.ts); a type import, so no server code reaches the bundle. */
export type DayPoint = BandPoint;

/** Daily issued points with the weekday-median band and the spike days as red dots. */
export function dailySpec(lang: Lang, days: DayPoint[]): Plot.PlotOptions {
  const rows = days.map((d) => ({ ...d, date: new Date(`${d.day}T00:00:00Z`) }));
  const band = rows.filter((r) => r.lower !== null && r.upper !== null);
  return {
    width: FULL_WIDTH,
    height: 220,
    marginLeft: 56,
    marginBottom: 36,
    x: { type: 'utc', label: null, tickFormat: dayTick(lang) },
    y: { label: t(lang, 'health.daily.y'), grid: true, tickFormat: compact(lang), zero: true },
    marks: [
      Plot.areaY(band, { x: 'date', y1: 'lower', y2: 'upper', fill: COLORS.band, curve: 'step' }),
      Plot.lineY(rows, { x: 'date', y: 'value', stroke: COLORS.blue, strokeWidth: 1.5 }),
      Plot.dot(rows.filter((r) => r.spike), { x: 'date', y: 'value', fill: COLORS.vermillion, r: 5, stroke: 'white' }),
      Plot.ruleY([0]),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'date',
          y: 'value',
          title: (r: (typeof rows)[number]) =>
            [formatDate(lang, r.day), `${t(lang, 'series.issued')}: ${formatPoints(lang, r.value)}`, r.expected === null ? '' : `${t(lang, 'health.daily.expected')}: ${formatPoints(lang, r.lower)} – ${formatPoints(lang, r.upper)}`, r.spike ? t(lang, 'health.daily.spike') : '']
              .filter(Boolean)
              .join('\n'),
        }),
      ),
    ],
  };
}
