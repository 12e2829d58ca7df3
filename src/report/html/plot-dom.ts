import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { CHART_FONT_PX } from '../../charts/common.ts';

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

export { CHART_FONT_PX };

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
