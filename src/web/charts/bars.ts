import * as Plot from '@observablehq/plot';
import { COLORS, FULL_WIDTH, compact, fitLabel, textWidth } from '../../charts/common.ts';
import { formatPoints } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/index.ts';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Drawn in the accent colour: the selected group, or an unused rule. */
  accent?: boolean;
  note?: string;
}

/** Horizontal bars, longest first, value at the end of each; labels sized to fit (Plot does not size margins). */
export function barsSpec(lang: Lang, bars: Bar[], xLabel: string): Plot.PlotOptions {
  const rows = [...bars].sort((a, b) => b.value - a.value).map((b) => ({ ...b, short: fitLabel(b.label, 220) }));
  const valueText = (r: Bar) => (r.note ? `${formatPoints(lang, r.value)} · ${r.note}` : formatPoints(lang, r.value));
  return {
    width: FULL_WIDTH,
    height: 40 + rows.length * 24,
    marginLeft: Math.ceil(Math.max(40, ...rows.map((r) => textWidth(r.short, 12)))) + 12,
    marginRight: Math.ceil(Math.max(...rows.map((r) => textWidth(valueText(r), 12)))) + 14,
    marginBottom: 34,
    x: { label: xLabel, labelAnchor: 'right', labelArrow: 'none', grid: true, tickFormat: compact(lang) },
    y: {
      domain: rows.map((r) => r.key),
      tickFormat: (k: string) => rows.find((r) => r.key === k)?.short ?? k,
      label: null,
      padding: 0.2,
    },
    marks: [
      Plot.barX(rows, {
        x: 'value',
        y: 'key',
        fill: (r: Bar) => (r.accent ? COLORS.vermillion : COLORS.blue),
        fillOpacity: 0.9,
      }),
      Plot.text(rows, {
        x: 'value',
        y: 'key',
        text: valueText,
        textAnchor: 'start',
        dx: 5,
        fill: (r: Bar) => (r.accent ? '#a33c00' : '#222'),
      }),
      Plot.ruleX([0]),
      Plot.tip(rows, Plot.pointerY({ x: 'value', y: 'key', title: (r: Bar) => `${r.label}\n${valueText(r)}` })),
    ],
  };
}
