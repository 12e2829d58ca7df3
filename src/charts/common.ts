import { formatMonth, parseDay } from '../i18n/format.ts';
import type { Lang } from '../i18n/index.ts';

// Shared by the printable report (rendered on the server) and the dashboard (in the browser): no DOM here.

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
  // A lighter tint of Okabe–Ito yellow: a campaign day's column must read on white, where the highlight tint vanished.
  campaign: '#F3E77E',
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

/** Chart text size in CSS px at the chart's natural width; at A4 width charts are drawn about 1:1. */
export const CHART_FONT_PX = 11;

export function percentTick(lang: Lang): (v: number) => string {
  const f = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return (v) => f.format(v);
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
