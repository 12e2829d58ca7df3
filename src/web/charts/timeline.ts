import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, compact } from '../../charts/common.ts';
import { formatDate, formatPoints } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { TimelinePoint } from '../../audit/timeline.ts';
import { dayTick } from './ticks.ts';

export type { TimelinePoint };

/** An account's daily issued points with its own trailing band; the flagged window shaded, flagged days as red dots. */
export function timelineSpec(
  lang: Lang,
  points: TimelinePoint[],
  window: { from: string; to: string },
): Plot.PlotOptions {
  const rows = points.map((p) => ({
    ...p,
    date: new Date(`${p.day}T00:00:00Z`),
    flagged: p.day >= window.from && p.day < window.to,
  }));
  const from = new Date(`${window.from}T00:00:00Z`);
  const to = new Date(`${window.to}T00:00:00Z`);
  return {
    width: FULL_WIDTH,
    height: 230,
    marginLeft: 56,
    marginBottom: 36,
    x: { type: 'utc', label: null, tickFormat: dayTick(lang) },
    y: { label: t(lang, 'audit.timeline.y'), grid: true, tickFormat: compact(lang), zero: true },
    marks: [
      Plot.rectX([{ from, to }], { x1: 'from', x2: 'to', fill: COLORS.highlight }),
      Plot.areaY(rows, { x: 'date', y1: 'lower', y2: 'upper', fill: COLORS.band, curve: 'step' }),
      Plot.lineY(rows, { x: 'date', y: 'median', stroke: COLORS.green, strokeDasharray: '4 3' }),
      Plot.rectY(rows, { x: 'date', interval: 'day', y: 'issued', fill: COLORS.blue, fillOpacity: 0.8 }),
      Plot.dot(
        rows.filter((r) => r.flagged && r.issued > r.upper),
        { x: 'date', y: 'issued', fill: COLORS.vermillion, r: 5, stroke: 'white' },
      ),
      Plot.ruleY([0]),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'date',
          y: 'issued',
          title: (r: (typeof rows)[number]) =>
            `${formatDate(lang, r.day)}\n${formatPoints(lang, r.issued)}\n${t(lang, 'audit.timeline.band')}: ${formatPoints(lang, r.lower)} – ${formatPoints(lang, r.upper)}`,
        }),
      ),
    ],
  };
}
