import { textWidth } from '../charts/common.ts';
import type { LegendItem } from './components/Legend.tsx';
import { swatchElement } from './legend-swatch.ts';

/** What a downloaded chart carries around its marks so that it stands alone in a slide or an email. */
export interface FigureFrame {
  title: string;
  legend: readonly LegendItem[];
  /** Lines under the chart: what is shown (period, filter), the caption, the source query. */
  notes: readonly string[];
  font: string;
}

const PAD = 12;
const TITLE_SIZE = 16;
const TEXT_SIZE = 12;
const LINE = 18;
const SWATCH = 22;

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Breaks text into lines no wider than `width`, at spaces where there are any, anywhere in CJK runs. */
export function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.split(/(?<=\s)|(?=[\u2E80-\u9FFF])|(?<=[\u2E80-\u9FFF])/u)) {
    if (line && textWidth(line + token, size) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function swatch(item: LegendItem, x: number, y: number): string {
  // y is the text baseline; the swatch's 12-pixel box sits on it, as the page's legend does.
  const { tag, attrs } = swatchElement(item.shape, item.color, x, y - 11);
  return `<${tag}${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('')}/>`;
}

/**
 * One SVG document: the title on top, the legend under it (wrapped to the chart's width), the chart's own SVG nested
 * as it was drawn, and the notes below. Text stays text, so the file remains searchable and translatable.
 */
export function frameFigure(
  chartSvg: string,
  width: number,
  height: number,
  frame: FigureFrame,
): { svg: string; height: number } {
  const parts: string[] = [];
  const text = (x: number, y: number, s: string, attrs = '') =>
    parts.push(`<text x="${x}" y="${y}"${attrs}>${escapeXml(s)}</text>`);
  const inner = width - 2 * PAD;
  let y = PAD;
  for (const line of wrap(frame.title, inner, TITLE_SIZE)) {
    y += LINE + 2;
    text(PAD, y, line, ` font-size="${TITLE_SIZE}" font-weight="600"`);
  }
  let x = PAD;
  if (frame.legend.length) y += LINE;
  for (const item of frame.legend) {
    const w = SWATCH + 6 + textWidth(item.label, TEXT_SIZE) + 16;
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      y += LINE;
    }
    parts.push(swatch(item, x, y));
    text(x + SWATCH + 6, y, item.label, ` font-size="${TEXT_SIZE}"`);
    x += w;
  }
  y += PAD / 2;
  const chartTop = y;
  y += height + PAD / 2;
  for (const note of frame.notes)
    for (const line of wrap(note, inner, TEXT_SIZE)) {
      y += LINE;
      text(PAD, y, line, ` font-size="${TEXT_SIZE}" fill="#444"`);
    }
  const total = Math.ceil(y + PAD);
  const nested = chartSvg.replace(/^<svg\b/, `<svg x="0" y="${chartTop}"`);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}"`,
    ` font-family="${escapeXml(frame.font)}" fill="#222">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    nested,
    '</svg>',
  ].join('');
  return { svg, height: total };
}
