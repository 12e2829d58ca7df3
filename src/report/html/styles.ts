import { FONT_CSS } from './plot-dom.ts';

/**
 * The report's only stylesheet, inlined so the file is self-contained (no CDN, no web fonts): CJK fonts are
 * taken from the reader's system. Sized for A4 portrait; sections never split across a page break.
 */
export const REPORT_CSS = `
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f3f4f6; color: #1a1a1a; font-size: 13px; line-height: 1.45; }
${FONT_CSS}
.report { max-width: 760px; margin: 16px auto; padding: 24px 30px; background: white; }
header h1 { font-size: 22px; margin: 0 0 2px; }
header .period { font-size: 15px; margin: 0; color: #333; }
header .meta { font-size: 11.5px; color: #555; margin: 6px 0 0; }
header .filter-banner { font-size: 13px; margin: 6px 0 0; padding: 4px 8px; border: 1px solid #b45309; background: #fef3c7; color: #78350f; }
h2 { font-size: 15px; margin: 18px 0 6px; padding-bottom: 3px; border-bottom: 1.5px solid #1a1a1a; }
section { break-inside: avoid; page-break-inside: avoid; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.kpi { border: 1px solid #d0d4da; border-radius: 4px; padding: 7px 8px 6px; break-inside: avoid; }
.kpi-label { font-size: 11.5px; font-weight: 600; color: #333; }
.kpi-value { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; margin: 1px 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kpi-unit { font-size: 10.5px; font-weight: 400; color: #555; }
.kpi-unit.long { display: block; margin-top: -2px; }
.kpi-change { font-size: 11px; font-variant-numeric: tabular-nums; }
.kpi-change .prev { color: #666; }
.kpi-change.good { color: #005a8c; }
.kpi-change.bad { color: #b34700; }
.kpi-change.neutral, .kpi-change.none { color: #333; }
.kpi-help { font-size: 10px; line-height: 1.3; color: #555; margin: 4px 0 0; }
.kpi-null { font-size: 10.5px; color: #8a4b00; margin: 2px 0 0; }
.kpi.is-null .kpi-value { color: #888; }
.note { font-size: 11px; color: #555; margin: 6px 0 0; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 11.5px; margin: 2px 0 4px; }
.legend .key { display: inline-flex; align-items: center; gap: 5px; }
.caption { font-size: 11px; color: #444; margin: 2px 0 6px; }
.chart-empty { font-size: 12px; color: #666; border: 1px dashed #bbb; padding: 14px; text-align: center; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
svg { max-width: 100%; height: auto; }
table.groups { border-collapse: collapse; width: 100%; font-size: 11px; margin-top: 4px; }
table.groups th, table.groups td { border-bottom: 1px solid #e2e4e8; padding: 3px 6px; text-align: left; }
table.groups th { font-weight: 600; border-bottom: 1.5px solid #999; }
table.groups th.num { text-align: right; }
table.groups td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.groups tr.small td { color: #666; font-style: italic; }
table.groups tr.outside td:last-child { color: #b34700; font-weight: 600; }
footer { margin-top: 14px; font-size: 10.5px; color: #666; border-top: 1px solid #ddd; padding-top: 6px; }
@media print {
  body { background: white; font-size: 11px; }
  .report { margin: 0; padding: 0; max-width: none; }
  h2 { margin-top: 10px; }
  .kpi { padding: 5px 7px 4px; }
  .kpi-help { font-size: 9.5px; line-height: 1.25; margin-top: 2px; }
  .kpis { gap: 6px; }
  table.groups { font-size: 10px; }
  table.groups th, table.groups td { padding: 1.5px 6px; }
  .sheet { break-before: page; page-break-before: always; }
  .sheet > .pair > section > h2:first-child { margin-top: 0; }
}
@media (max-width: 640px) {
  .kpis { grid-template-columns: repeat(2, 1fr); }
  .pair { grid-template-columns: 1fr; }
}
`;
