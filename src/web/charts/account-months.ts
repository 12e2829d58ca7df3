import * as Plot from '@observablehq/plot';
import { COLORS, compact, FULL_WIDTH, monthDate, monthTick } from '../../charts/common.ts';
import { formatMonth, formatPoints } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';

export interface AccountMonthPoints {
  month: string;
  points_in: number;
  points_out: number;
}

/** One account's points in (earned, received) and out (redeemed, expired, given) per month, as two lines. */
export function accountMonthsSpec(lang: Lang, months: AccountMonthPoints[]): Plot.PlotOptions | null {
  if (months.length === 0) return null;
  const rows = months.flatMap((m) => [
    { date: monthDate(m.month), month: m.month, side: t(lang, 'account.timeline.earned'), points: m.points_in },
    { date: monthDate(m.month), month: m.month, side: t(lang, 'account.timeline.spent'), points: m.points_out },
  ]);
  // Every third month labelled when the ledger is long, so two-line ticks never collide.
  const every = Math.max(1, Math.ceil(months.length / 8));
  return {
    width: FULL_WIDTH,
    height: 240,
    marginLeft: 56,
    marginBottom: 44,
    marginRight: 24,
    x: {
      type: 'utc',
      label: null,
      tickFormat: monthTick(lang),
      ticks: months.filter((_, i) => i % every === 0).map((m) => monthDate(m.month)),
    },
    y: { label: t(lang, 'account.timeline.y'), labelArrow: 'none', grid: true, zero: true, tickFormat: compact(lang) },
    color: {
      domain: [t(lang, 'account.timeline.earned'), t(lang, 'account.timeline.spent')],
      range: [COLORS.blue, COLORS.orange],
    },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(rows, { x: 'date', y: 'points', stroke: 'side', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'date', y: 'points', fill: 'side', r: 3 }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'date',
          y: 'points',
          stroke: 'side',
          title: (r: (typeof rows)[number]) =>
            `${formatMonth(lang, r.month)}\n${r.side}: ${formatPoints(lang, r.points)}`,
        }),
      ),
    ],
  };
}
