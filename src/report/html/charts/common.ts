import { formatMonth, parseDay } from '../../../i18n/format.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import { esc } from '../escape.ts';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale print. */
export const COLORS = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  sky: '#56B4E9',
  grey: '#8C8C8C',
  band: '#DDEFD9',
  highlight: '#FFF4D6',
} as const;

/** Full width of a chart at A4 (210 mm less 2 × 12 mm margins ≈ 700 CSS px). */
export const FULL_WIDTH = 700;

/** Compact axis numbers: "1.2M" / "120万" keep tick labels short in both locales. */
export function compact(lang: Lang): (v: number) => string {
  const f = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
  return (v) => f.format(v);
}

/** Month ticks on two lines ("Apr" / "2025"), so eight of them fit under a full-width chart in either language. */
export function monthTick(lang: Lang): (d: Date) => string {
  return (d) => `${formatMonth(lang, d, true)}\n${d.getUTCFullYear()}`;
}

export function monthDate(month: string): Date {
  return parseDay(month) ?? new Date(Number.NaN);
}

/** A legend in HTML (not Plot's), so it wraps, prints and translates like the text around it. */
export function legend(items: { label: string; color: string; shape?: 'line' | 'dash' | 'box' | 'tick' }[]): string {
  const swatch = (color: string, shape: string) =>
    shape === 'box'
      ? `<svg width="14" height="10" aria-hidden="true"><rect width="14" height="10" fill="${color}"/></svg>`
      : shape === 'tick'
        ? `<svg width="14" height="12" aria-hidden="true"><rect x="6" width="3" height="12" fill="${color}"/></svg>`
        : `<svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" y2="5" stroke="${color}" stroke-width="2.5"${shape === 'dash' ? ' stroke-dasharray="5 3"' : ''}/></svg>`;
  return `<div class="legend">${items.map((i) => `<span class="key">${swatch(i.color, i.shape ?? 'line')}${esc(i.label)}</span>`).join('')}</div>`;
}

/** What a chart section shows when it has nothing to draw: a sentence, never an empty frame. */
export function emptyChart(lang: Lang): string {
  return `<p class="chart-empty">${esc(t(lang, 'chart.empty'))}</p>`;
}
