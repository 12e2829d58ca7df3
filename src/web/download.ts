import type { XlsxCellType } from '../export/xlsx.ts';
import type { Lang } from '../i18n/index.ts';
import { toCsv, type CsvValue } from '../csv.ts';
import { token } from './app/api.ts';
import { frameFigure, type FigureFrame } from './figure-frame.ts';

function save(blob: Blob, name: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A chart's data as CSV: UTF-8 with a BOM so Excel shows Chinese, formula-looking text neutralised (src/csv.ts). */
export function downloadCsv(name: string, header: string[], rows: CsvValue[][]) {
  save(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

/** The chart's SVG framed by its title, legend and notes (src/web/figure-frame.ts), with its size in CSS pixels. */
function standalone(svg: SVGSVGElement, frame: Omit<FigureFrame, 'font'>) {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const { width, height } = svg.getBoundingClientRect();
  // A standalone file has no page stylesheet: carry the font over.
  const font = getComputedStyle(svg).fontFamily;
  copy.setAttribute('font-family', font);
  const framed = frameFigure(new XMLSerializer().serializeToString(copy), width, height, { ...frame, font });
  return { text: framed.svg, width, height: framed.height };
}

export function downloadSvg(name: string, svg: SVGSVGElement, frame: Omit<FigureFrame, 'font'>) {
  save(new Blob([standalone(svg, frame).text], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** PNG at twice the on-screen size, on white, drawn from the SVG through a data: URL (the page's CSP allows data: images). */
export async function downloadPng(name: string, svg: SVGSVGElement, frame: Omit<FigureFrame, 'font'>) {
  const { text, width, height } = standalone(svg, frame);
  const img = new Image();
  img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(text)))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob) save(blob, `${name}.png`);
}

/** One sheet as POST /api/xlsx takes it: headers already in the page's language, cells as plain JSON values. */
export interface XlsxSheetBody {
  name: string;
  columns: { key: string; header: string; type: XlsxCellType }[];
  rows: Record<string, string | number | boolean | null>[];
}

/**
 * Tables as an Excel workbook. The server writes it (the same writer as the CLI's --xlsx, exceljs stays out of the
 * page's bundle); the request carries the token and the X-Ledger-Lens header every POST needs.
 */
export async function downloadXlsx(name: string, lang: Lang, sheets: XlsxSheetBody[]) {
  const headers = new Headers({ 'Content-Type': 'application/json', 'X-Ledger-Lens': '1' });
  const tk = token();
  if (tk) headers.set('Authorization', `Bearer ${tk}`);
  const res = await fetch('/api/xlsx', { method: 'POST', headers, body: JSON.stringify({ name, lang, sheets }) });
  if (!res.ok) {
    const err = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error;
    throw new Error(err?.message ?? `${res.status} ${res.statusText}`);
  }
  save(await res.blob(), `${name}.xlsx`);
}
