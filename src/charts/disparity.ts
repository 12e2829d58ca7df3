import * as Plot from '@observablehq/plot';
import { formatFixed, formatNumber } from '../i18n/format.ts';
import { t, type Lang } from '../i18n/index.ts';
import { COLORS, FULL_WIDTH, fitLabel, textWidth } from './common.ts';

// The parts of a report's `by` and `settings` the chart reads (report/schema.ts holds the whole): charts/ sits below
// report/, which draws these specs.
interface Group {
  value: string | null;
  /** null only where the server suppressed the group (`suppressed`). */
  n: number | null;
  mean_issued: number | null;
  mean_ci: [number | null, number | null] | null;
  disparity: number | null;
  small: boolean;
  suppressed?: string;
}
interface By {
  reference?: string | null;
  groups: Group[];
}
interface Settings {
  fairness?: { disparity_low: number; disparity_high: number };
}

/** The four-fifths band: the program's settings when the report carries them, else the defaults of metrics.md. */
export function band(settings: Settings): { low: number; high: number } {
  return { low: settings.fairness?.disparity_low ?? 0.8, high: settings.fairness?.disparity_high ?? 1.25 };
}

export type BandState = 'small' | 'none' | 'inside' | 'uncertain' | 'outside';

/**
 * Where a group stands against the band, with its sampling uncertainty: its mean's 95 % interval, divided by the
 * reference mean, is the disparity's interval. Outside only when that whole interval is outside; a point outside
 * whose interval reaches into the band is uncertain (the data cannot tell). A group of one has no interval: its
 * point decides.
 */
export function bandState(g: Group, b: { low: number; high: number }): BandState {
  if (g.small) return 'small';
  if (g.disparity === null || g.mean_issued === null) return 'none';
  const ref = g.mean_issued / g.disparity;
  const [a, z] = g.mean_ci ?? [null, null];
  const [lo, hi] = a !== null && z !== null && ref > 0 ? [a / ref, z / ref] : [g.disparity, g.disparity];
  if (hi < b.low || lo > b.high) return 'outside';
  return g.disparity < b.low || g.disparity > b.high ? 'uncertain' : 'inside';
}

/**
 * A group's size as its labels say it: `n=1,234`, or for a group the server suppressed (a manager's or a viewer's
 * group of fewer than min_group_size people, `suppressed: "fewer than 30"`) "fewer than 30 people: not shown".
 */
export function sizeLabel(lang: Lang, g: Pick<Group, 'n' | 'suppressed'>): string {
  if (g.suppressed === undefined) return `n=${formatNumber(lang, g.n, 0)}`;
  // A larger group hidden with a small one, so the total less the groups shown does not give the small one away.
  const key = g.suppressed.startsWith('with ') ? 'group.suppressed_with' : 'group.suppressed';
  return t(lang, key, { n: g.suppressed.replace(/^\D+/, '') });
}

export function verdict(lang: Lang, g: Group, b: { low: number; high: number }): string {
  if (g.suppressed !== undefined) return sizeLabel(lang, g);
  const s = bandState(g, b);
  return s === 'none' ? '—' : t(lang, `group.${s}`);
}

function tone(g: Group, b: { low: number; high: number }): string {
  const s = bandState(g, b);
  return s === 'small'
    ? COLORS.grey
    : s === 'outside'
      ? COLORS.vermillion
      : s === 'uncertain'
        ? COLORS.orange
        : COLORS.blue;
}

/**
 * One bar per group: mean issued relative to the reference mean, the 0.8–1.25 band shaded and the parity line at 1.
 * Small groups stay in the chart, greyed and labelled "too small to judge"; sizes are part of every label.
 */
export function disparitySpec(lang: Lang, by: By, settings: Settings, extra: Plot.Markish[] = []): Plot.PlotOptions {
  const { groups } = by;
  const { low, high } = band(settings);
  const rows = groups.map((g, i) => {
    const name = g.value === null ? t(lang, 'group.missing') : g.value;
    // The index keeps two groups apart even when truncation makes their labels equal.
    return { ...g, key: `${i}`, label: `${fitLabel(name, 170)} (${sizeLabel(lang, g)})` };
  });
  const labelWidth = Math.max(...rows.map((r) => textWidth(r.label)));
  const maxX = Math.max(high + 0.25, ...rows.map((r) => r.disparity ?? 0)) * 1.05;
  const byKey = new Map(rows.map((r) => [r.key, r.label]));
  // Ratio and verdict sit in a column right of the plot, so they never cover a bar, the band or the parity line.
  const note = (r: Group) =>
    r.disparity === null && !r.small
      ? '—'
      : `${r.disparity === null ? '—' : `${formatFixed(lang, r.disparity, 2)}×`}  ${verdict(lang, r, { low, high })}`;
  const noteWidth = Math.max(...rows.map((r) => textWidth(note(r))));
  return {
    width: FULL_WIDTH,
    height: 50 + rows.length * 22,
    marginLeft: Math.ceil(labelWidth) + 12,
    marginRight: Math.ceil(noteWidth) + 16,
    marginTop: 8,
    marginBottom: 40,
    x: {
      domain: [0, maxX],
      label: by.reference
        ? t(lang, 'chart.disparity.x_ref', { reference: by.reference })
        : t(lang, 'chart.disparity.x'),
      labelAnchor: 'right',
      labelArrow: 'none',
      tickFormat: (v: number) => `${formatNumber(lang, v, 2)}×`,
      grid: true,
    },
    y: { domain: rows.map((r) => r.key), tickFormat: (k: string) => byKey.get(k) ?? k, label: null, padding: 0.2 },
    marks: [
      Plot.rectX([{ x1: low, x2: high }], { x1: 'x1', x2: 'x2', fill: COLORS.band }),
      Plot.barX(
        rows.filter((r) => r.disparity !== null),
        {
          x: 'disparity',
          y: 'key',
          fill: (r: Group) => tone(r, { low, high }),
          fillOpacity: (r: Group) => (r.small ? 0.45 : 0.9),
        },
      ),
      Plot.ruleX([1], { stroke: '#333', strokeDasharray: '4 3' }),
      Plot.ruleX([0]),
      Plot.text(rows, {
        x: maxX,
        y: 'key',
        text: note,
        textAnchor: 'start',
        dx: 10,
        fill: (r: Group) =>
          (({ small: '#666', outside: '#a33c00', uncertain: '#8a5a00' }) as Record<string, string>)[
            bandState(r, { low, high })
          ] ?? '#111',
      }),
      ...extra,
    ],
  };
}
