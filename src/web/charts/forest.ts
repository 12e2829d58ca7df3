import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, textWidth } from '../../charts/common.ts';
import { formatPercent } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { AbResult } from '../../experiments/schema.ts';
import type { ArmBin } from '../../reshape/arm-histogram.ts';

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

/**
 * The arms' histograms of issued per account over the shared bins, as shares of each arm so sizes do not matter. The
 * shares come reshaped (src/reshape/arm-histogram.ts, in the dashboard's worker); here only each bar's place: side
 * by side within its bin (never stacked), each arm in its own slice of the bin's width, in the order of `arms`.
 */
export function armDistributionSpec(lang: Lang, bins: readonly ArmBin[], arms: readonly string[]): Plot.PlotOptions {
  const palette = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.vermillion];
  const k = Math.max(1, arms.length);
  const rows = bins.map((b) => {
    const ai = arms.indexOf(b.arm);
    const w = (b.bin_to - b.bin_from) / k;
    return {
      arm: b.arm,
      from: b.bin_from,
      to: b.bin_to,
      x1: b.bin_from + ai * w,
      x2: b.bin_from + (ai + 1) * w,
      share: b.share,
      color: palette[ai % palette.length],
    };
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
