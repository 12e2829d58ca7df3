import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, monthDate, monthTick, percentTick } from '../../charts/common.ts';
import type { MonthRow } from '../../economics/schema.ts';
import { formatMonth, formatPercent, formatPoints } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { z } from 'zod';

type Month = z.infer<typeof MonthRow>;

/** The share of the points outstanding at each month's start that the mall took back that month. */
export function mallMonthlySpec(lang: Lang, months: Month[]): Plot.PlotOptions | null {
  const rows = months.filter((m) => m.share_of_outstanding !== null).map((m) => ({ ...m, date: monthDate(m.month) }));
  if (rows.length === 0) return null;
  return {
    width: FULL_WIDTH,
    height: 240,
    marginLeft: 56,
    // Month ticks take two lines; the axis label goes below them, not beside the last tick.
    marginBottom: 56,
    marginRight: 24,
    x: {
      type: 'utc',
      label: t(lang, 'mall.monthly.x'),
      labelAnchor: 'center',
      labelOffset: 50,
      labelArrow: 'none',
      tickFormat: monthTick(lang),
      ticks: rows.map((r) => r.date),
    },
    y: { label: t(lang, 'mall.monthly.y'), labelArrow: 'none', grid: true, zero: true, tickFormat: percentTick(lang) },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(rows, { x: 'date', y: 'share_of_outstanding', stroke: COLORS.blue, strokeWidth: 2 }),
      Plot.dot(rows, { x: 'date', y: 'share_of_outstanding', fill: COLORS.blue, r: 3.5 }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'date',
          y: 'share_of_outstanding',
          title: (r: (typeof rows)[number]) =>
            `${formatMonth(lang, r.month)}\n${formatPercent(lang, r.share_of_outstanding, 1)}\n${formatPoints(lang, r.redeemed)} / ${formatPoints(lang, r.outstanding_start)}`,
        }),
      ),
    ],
  };
}
