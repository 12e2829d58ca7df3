import { formatDateTime, formatNumber, formatPoints } from '../i18n/format.ts';
import { LANGS, t, type Lang, type MessageKey } from '../i18n/index.ts';
import { esc } from '../report/html/escape.ts';
import { FONT_CSS } from '../report/html/plot-dom.ts';
import { quartersOf, reconciles, type ImportRow, type Totals } from './history.ts';

export interface HomeData {
  imports: ImportRow[];
  totals: Totals;
  /** Whether /report.html can answer (a report builder is wired in). */
  reports: boolean;
}

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; font-size: 14px; line-height: 1.5; color: #1a1a1a; background: #f3f4f6; }
${FONT_CSS}
header.bar { display: flex; justify-content: space-between; align-items: center; padding: 10px 24px; background: #0b3d5c; color: white; }
header.bar h1 { font-size: 18px; margin: 0; }
header.bar nav a { color: white; margin-left: 12px; }
header.bar nav a[aria-current="true"] { font-weight: 700; text-decoration: none; }
main { max-width: 1000px; margin: 20px auto; padding: 0 16px; }
section { background: white; border: 1px solid #d9dde3; border-radius: 6px; padding: 14px 18px; margin-bottom: 16px; }
h2 { font-size: 16px; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e7eb; }
th { border-bottom: 1.5px solid #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap, td.ok, td.bad { white-space: nowrap; }
.ok { color: #005a8c; }
.bad { color: #b34700; font-weight: 700; }
dl.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 16px; margin: 0; }
dl.totals div { border-left: 3px solid #0072B2; padding-left: 8px; }
dt { font-size: 12px; color: #555; }
dd { margin: 0; font-size: 17px; font-weight: 600; font-variant-numeric: tabular-nums; }
form { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
select, button { font: inherit; padding: 4px 8px; }
.muted { color: #666; }
`;

/** A link or form target on this server that keeps the page's language and, when given, its access token. */
function href(path: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function importsTable(lang: Lang, rows: ImportRow[]): string {
  if (rows.length === 0) return `<p class="muted">${esc(t(lang, 'home.imports.empty'))}</p>`;
  const cols: [MessageKey, boolean][] = [
    ['home.col.kind', false], ['home.col.file', false], ['home.col.time', false], ['home.col.rows_read', true],
    ['home.col.accepted', true], ['home.col.quarantined', true], ['home.col.duplicates', true], ['home.col.reconciled', false],
  ];
  const kind = (k: string) => (k === 'ledger' || k === 'accounts' || k === 'rules' ? t(lang, `home.kind.${k}`) : k);
  const n = (v: number) => formatNumber(lang, v, 0);
  const body = rows
    .map((r) => {
      const ok = reconciles(r);
      return `<tr data-import="${r.import_id}"><td>${esc(kind(r.kind))}</td><td>${esc(r.file_name)}</td><td class="nowrap">${esc(formatDateTime(lang, r.imported_at))}</td>
<td class="num">${esc(n(r.rows_read))}</td><td class="num">${esc(n(r.accepted))}</td><td class="num">${esc(n(r.quarantined))}</td><td class="num">${esc(n(r.duplicates))}</td>
<td class="${ok ? 'ok' : 'bad'}">${esc(t(lang, ok ? 'home.reconciled.yes' : 'home.reconciled.no', { read: n(r.rows_read), accepted: n(r.accepted), quarantined: n(r.quarantined), duplicates: n(r.duplicates) }))}</td></tr>`;
    })
    .join('\n');
  const head = cols.map(([k, num]) => `<th${num ? ' class="num"' : ''}>${esc(t(lang, k))}</th>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table><p class="muted">${esc(t(lang, 'home.reconciled.help'))}</p>`;
}

function totalsList(lang: Lang, x: Totals): string {
  const items: [MessageKey, string][] = [
    ['home.totals.rows', formatNumber(lang, x.rows, 0)],
    ['home.totals.accounts', formatNumber(lang, x.accounts, 0)],
    ['home.totals.from', formatDateTime(lang, x.first)],
    ['home.totals.to', formatDateTime(lang, x.last)],
    ['home.totals.issued', formatPoints(lang, x.issued)],
    ['home.totals.outstanding', formatPoints(lang, x.outstanding)],
    ['home.totals.rejects', formatNumber(lang, x.rejects, 0)],
  ];
  return `<dl class="totals">${items.map(([k, v]) => `<div><dt>${esc(t(lang, k))}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

function reportForm(lang: Lang, data: HomeData, token: string | undefined): string {
  const { quarters, latestComplete } = quartersOf(data.totals);
  if (!data.reports || quarters.length === 0) return `<p class="muted">${esc(t(lang, 'home.report.none'))}</p>`;
  const options = quarters.map((q) => `<option value="${esc(q)}"${q === latestComplete ? ' selected' : ''}>${esc(q)}</option>`).join('');
  const hidden = [`<input type="hidden" name="lang" value="${esc(lang)}">`, token ? `<input type="hidden" name="token" value="${esc(token)}">` : ''].join('');
  return `<form method="get" action="/report.html"><label>${esc(t(lang, 'home.report.quarter'))} <select name="quarter">${options}</select></label>${hidden}
<button type="submit">${esc(t(lang, 'home.report.open'))}</button>
<a href="${esc(href('/api/report', { quarter: latestComplete ?? quarters[0], token }))}">${esc(t(lang, 'home.report.json'))}</a></form>`;
}

/** The server's landing page: what was imported (with reconciliation), what the database holds, and the report. */
export function renderHome(lang: Lang, data: HomeData, token: string | undefined): string {
  const switcher = LANGS.map((l) => `<a href="${esc(href('/', { lang: l, token }))}" hreflang="${l}" lang="${l}"${l === lang ? ' aria-current="true"' : ''}>${esc(t(l, 'lang.name'))}</a>`).join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t(lang, 'home.title'))}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<header class="bar"><h1>${esc(t(lang, 'home.title'))}</h1><nav aria-label="${esc(t(lang, 'home.lang'))}">${switcher}</nav></header>
<main>
<section id="imports"><h2>${esc(t(lang, 'home.imports'))}</h2>${importsTable(lang, data.imports)}</section>
<section id="totals"><h2>${esc(t(lang, 'home.totals'))}</h2>${totalsList(lang, data.totals)}</section>
<section id="report"><h2>${esc(t(lang, 'home.report'))}</h2>${reportForm(lang, data, token)}</section>
</main>
</body>
</html>
`;
}
