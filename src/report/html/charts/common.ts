import { t, type Lang } from '../../../i18n/index.ts';
import { esc } from '../escape.ts';

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
