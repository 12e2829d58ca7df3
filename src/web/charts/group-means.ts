import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, fitLabel, textWidth } from '../../charts/common.ts';
import { formatFixed } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { Report } from '../../report/schema.ts';
import { bandState, type BandState, sizeLabel } from '../../charts/disparity.ts';

type Group = NonNullable<Report['by']>['groups'][number];

/** Per-group mean issued with its 95 % interval, the overall mean as a reference line; small groups greyed. */
export function groupMeansSpec(
  lang: Lang,
  groups: Group[],
  overallMean: number | null,
  b: { low: number; high: number },
): Plot.PlotOptions {
  const rows = groups.map((g, i) => ({
    ...g,
    key: String(i),
    label: `${fitLabel(g.value ?? t(lang, 'group.missing'), 170)} (${sizeLabel(lang, g)})`,
    lo: g.mean_ci?.[0] ?? null,
    hi: g.mean_ci?.[1] ?? null,
  }));
  // The same judgement as the table and the disparity chart: red only when the interval is outside the band.
  const colour = (g: Group) =>
    (({ small: COLORS.grey, outside: COLORS.vermillion, uncertain: COLORS.orange }) as Record<BandState, string>)[
      bandState(g, b)
    ] ?? COLORS.blue;
  return {
    width: FULL_WIDTH,
    height: 50 + rows.length * 24,
    marginLeft: Math.ceil(Math.max(...rows.map((r) => textWidth(r.label, 12)))) + 12,
    marginBottom: 36,
    marginRight: 20,
    x: { label: t(lang, 'fairness.groups.x'), labelAnchor: 'right', labelArrow: 'none', grid: true, zero: true },
    y: { domain: rows.map((r) => r.key), tickFormat: (k: string) => rows[Number(k)]?.label ?? k, label: null },
    marks: [
      ...(overallMean === null ? [] : [Plot.ruleX([overallMean], { stroke: '#333', strokeDasharray: '4 3' })]),
      Plot.ruleY(
        rows.filter((r) => r.lo !== null),
        { y: 'key', x1: 'lo', x2: 'hi', stroke: colour, strokeWidth: 2 },
      ),
      Plot.dot(rows, { y: 'key', x: 'mean_issued', fill: colour, r: 4.5 }),
      Plot.tip(
        rows,
        Plot.pointerY({
          y: 'key',
          x: 'mean_issued',
          title: (r: (typeof rows)[number]) =>
            `${r.value ?? t(lang, 'group.missing')} (${sizeLabel(lang, r)})\n${formatFixed(lang, r.mean_issued, 1)} [${formatFixed(lang, r.lo, 1)}, ${formatFixed(lang, r.hi, 1)}]${r.small ? `\n${t(lang, 'group.small')}` : ''}`,
        }),
      ),
    ],
  };
}
