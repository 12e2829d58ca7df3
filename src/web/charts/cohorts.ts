import * as Plot from '@observablehq/plot';
import { formatMonth, formatPercent } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { CohortCell } from '../../report/trends.ts';

export type { CohortCell };

/** Room a cell needs for its label ("100%" at 10 px) to stay clear of its neighbours'. */
const CELL_MIN = 30;

/** The narrowest the heatmap reads at: its label margin and every month's column wide enough for its label. */
export function cohortMinWidth(cells: CohortCell[]): number {
  return 140 + 20 + (Math.max(0, ...cells.map((c) => c.k)) + 1) * CELL_MIN;
}

/** Cohort × months-since heatmap; a sequential single-hue scale reads the same for colour-blind readers. */
export function cohortSpec(lang: Lang, cells: CohortCell[]): Plot.PlotOptions {
  const cohorts = [...new Set(cells.map((c) => c.cohort))].sort();
  const maxK = Math.max(0, ...cells.map((c) => c.k));
  const label = (c: string) => `${formatMonth(lang, c)} (n=${cells.find((x) => x.cohort === c)?.cohort_size ?? 0})`;
  return {
    width: Math.min(900, 150 + (maxK + 1) * 46),
    height: 50 + cohorts.length * 26,
    marginLeft: 140,
    marginBottom: 36,
    padding: 0.05,
    x: {
      label: t(lang, 'health.cohorts.x'),
      labelAnchor: 'center',
      domain: Array.from({ length: maxK + 1 }, (_, k) => k),
    },
    y: { label: null, domain: cohorts, tickFormat: label },
    color: {
      type: 'linear',
      scheme: 'blues',
      domain: [0, 1],
      label: t(lang, 'health.cohorts.legend'),
      legend: true,
      tickFormat: (v: number) => formatPercent(lang, v, 0),
    },
    marks: [
      Plot.cell(cells, { x: 'k', y: 'cohort', fill: 'share', inset: 0.5 }),
      Plot.text(cells, {
        x: 'k',
        y: 'cohort',
        text: (c: CohortCell) => formatPercent(lang, c.share, 0),
        fill: (c: CohortCell) => ((c.share ?? 0) > 0.55 ? 'white' : '#111'),
        fontSize: 10,
      }),
      Plot.tip(
        cells,
        Plot.pointer({
          x: 'k',
          y: 'cohort',
          title: (c: CohortCell) =>
            `${formatMonth(lang, c.cohort)} +${c.k}\n${c.active} / ${c.cohort_size} = ${formatPercent(lang, c.share, 1)}`,
        }),
      ),
    ],
  };
}
