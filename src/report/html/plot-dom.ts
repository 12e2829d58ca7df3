import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

const CJK_FONTS = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei"`;
const LATIN_FONTS = `"Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans"`;

/**
 * System fonts only (no web fonts). Chinese pages put CJK fonts first; English pages put Latin fonts first, because
 * CJK fonts draw ’ and × full-width, but keep the CJK fallbacks for Chinese names in the data.
 */
export const FONT_STACK = `${CJK_FONTS}, ${LATIN_FONTS}, sans-serif`;
export const FONT_STACK_LATIN = `${LATIN_FONTS}, ${CJK_FONTS}, sans-serif`;

/** CSS giving each page language its font order; charts inherit it (the rule beats Plot's font-family attribute). */
export const FONT_CSS = `html:lang(zh-CN) body { font-family: ${FONT_STACK}; }
html:lang(en) body { font-family: ${FONT_STACK_LATIN}; }
svg[class^="plot-"] { font-family: inherit; }`;

/** Chart text size in CSS px at the chart's natural width; at A4 width charts are drawn about 1:1. */
export const CHART_FONT_PX = 11;

/**
 * Plot needs a DOM to build its SVG; linkedom gives one without a browser. It is small (5 dependencies) and runs on
 * Node 20, whereas jsdom 31 requires Node 22. Text set by Plot is escaped when linkedom serialises it.
 */
export function plotSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart = Plot.plot({
    ...options,
    document: document as unknown as Document,
    style: { fontSize: `${CHART_FONT_PX}px`, background: 'white', overflow: 'visible' },
  });
  return (chart as unknown as { outerHTML: string }).outerHTML;
}

/**
 * An estimate of rendered text width in px, for margins and truncation: Plot 0.6 does not size margins to its
 * labels, so long department names or Chinese labels would otherwise be clipped at the left edge.
 */
export function textWidth(s: string, fontPx = CHART_FONT_PX): number {
  let w = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    // CJK ideographs, kana, hangul and full-width forms are one em wide; Latin glyphs average about 0.6 em.
    w += code >= 0x2e80 ? 1 : /[ilj.,:;'|!]/.test(ch) ? 0.3 : /[A-Z mwMW]/.test(ch) ? 0.72 : 0.58;
  }
  return w * fontPx;
}

/** Shortens a label to fit `maxPx`, ending it with "…"; the full text stays in the table beside the chart. */
export function fitLabel(s: string, maxPx: number): string {
  if (textWidth(s) <= maxPx) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`) > maxPx) break;
    out += ch;
  }
  return `${out}…`;
}
