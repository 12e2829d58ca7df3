import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, textWidth } from '../../charts/common.ts';
import { formatPercent } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { AbResult } from '../../experiments/schema.ts';

type Metric = AbResult['metrics'][number];

const COLOR = { better: COLORS.green, worse: COLORS.vermillion, inconclusive: COLORS.grey } as const;

/** One row per metric × arm: the relative lift and its 95 % interval, the no-effect line at 0, coloured by verdict. */
export function forestSpec(lang: Lang, metrics: Metric[]): Plot.PlotOptions {
  const rows = metrics
    .filter((m) => m.rel_lift !== null)
    .map((m, i) => ({
      ...m,
      key: String(i),
      label: `${t(lang, `exp.metric.${m.metric}`)} (${m.treatment})`,
      lo: m.rel_ci?.[0] ?? null,
      hi: m.rel_ci?.[1] ?? null,
    }));
  const extent =
    Math.max(0.05, ...rows.flatMap((r) => [Math.abs(r.lo ?? 0), Math.abs(r.hi ?? 0), Math.abs(r.rel_lift ?? 0)])) * 1.1;
  return {
    width: FULL_WIDTH,
    height: 50 + rows.length * 34,
    marginLeft: Math.ceil(Math.max(...rows.map((r) => textWidth(r.label, 12)))) + 14,
    marginRight: 30,
    marginBottom: 40,
    x: {
      domain: [-extent, extent],
      tickFormat: (v: number) => formatPercent(lang, v, 0),
      label: t(lang, 'exp.forest.x'),
      labelAnchor: 'center',
      grid: true,
    },
    y: { domain: rows.map((r) => r.key), tickFormat: (k: string) => rows[Number(k)]?.label ?? k, label: null },
    marks: [
      Plot.ruleX([0], { stroke: '#333', strokeDasharray: '4 3' }),
      Plot.ruleY(
        rows.filter((r) => r.lo !== null),
        { y: 'key', x1: 'lo', x2: 'hi', stroke: (r: (typeof rows)[number]) => COLOR[r.verdict], strokeWidth: 3 },
      ),
      Plot.dot(rows, { y: 'key', x: 'rel_lift', fill: (r: (typeof rows)[number]) => COLOR[r.verdict], r: 6 }),
      Plot.tip(
        rows,
        Plot.pointerY({
          y: 'key',
          x: 'rel_lift',
          title: (r: (typeof rows)[number]) =>
            `${r.label}\n${formatPercent(lang, r.rel_lift, 1)} [${formatPercent(lang, r.lo, 1)}, ${formatPercent(lang, r.hi, 1)}]\n${t(lang, `exp.verdict.${r.verdict}`)}`,
        }),
      ),
    ],
  };
}

/** The arms' histograms of issued per account over the shared bins, as shares of each arm so sizes do not matter. */
export function armDistributionSpec(lang: Lang, dist: AbResult['distribution']): Plot.PlotOptions {
  const palette = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.vermillion];
  // Side by side within each bin (never stacked): each arm gets its own slice of the bin's width.
  const k = Math.max(1, dist.arms.length);
  const rows = dist.arms.flatMap((a, ai) => {
    const total = a.counts.reduce((s, c) => s + c, 0) || 1;
    return a.counts.map((c, i) => {
      const lo = dist.bins[i];
      const w = (dist.bins[i + 1] - lo) / k;
      return {
        arm: a.variant,
        from: lo,
        to: dist.bins[i + 1],
        x1: lo + ai * w,
        x2: lo + (ai + 1) * w,
        share: c / total,
        color: palette[ai % palette.length],
      };
    });
  });
  return {
    width: FULL_WIDTH,
    height: 240,
    marginLeft: 50,
    marginBottom: 40,
    x: { label: t(lang, 'exp.dist.x'), labelAnchor: 'right', labelArrow: 'none' },
    y: { label: t(lang, 'exp.dist.y'), tickFormat: (v: number) => formatPercent(lang, v, 0), grid: true },
    marks: [
      Plot.rectY(rows, { x1: 'x1', x2: 'x2', y1: 0, y2: 'share', fill: 'color', fillOpacity: 0.85, inset: 0.5 }),
      Plot.ruleY([0]),
      Plot.tip(
        rows,
        Plot.pointerX({
          x1: 'x1',
          x2: 'x2',
          y1: 0,
          y2: 'share',
          title: (r: (typeof rows)[number]) =>
            `${r.arm}: ${Math.round(r.from)}–${Math.round(r.to)}\n${formatPercent(lang, r.share, 1)}`,
        }),
      ),
    ],
  };
}
