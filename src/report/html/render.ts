import { formatMoney, formatNumber } from '../../i18n/format.ts';
import { attributeName, t, type Lang } from '../../i18n/index.ts';
import type { Report } from '../schema.ts';
import { disparitySection } from './charts/disparity.ts';
import { lorenzChart } from './charts/lorenz.ts';
import { tiersChart } from './charts/tiers.ts';
import { flowsChart, outstandingChart } from './charts/trends.ts';
import { esc } from './escape.ts';
import { kpiSection } from './kpis.ts';
import { periodLabel, periodName, periodRange, periodTitleKey } from './period.ts';
import { REPORT_CSS } from './styles.ts';

/**
 * Even opened as a local file the report may run nothing and load nothing: data is escaped, and this policy is a
 * second line of defence if an escape were ever missed. Inline styles are the report's only active content.
 */
const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function section(title: string, body: string, cls = ''): string {
  return `<section${cls ? ` class="${cls}"` : ''}><h2>${esc(title)}</h2>${body}</section>`;
}

/** "积分制度月度报告 · 研发部 · 2026年5月": a filtered or monthly print-out must not pass for the program's quarter. */
function reportTitle(lang: Lang, report: Report): string {
  const parts = [t(lang, periodTitleKey(report.period)), report.filter?.value, periodName(lang, report.period)];
  return parts.filter(Boolean).join(' · ');
}

function filterBanner(lang: Lang, report: Report): string {
  if (!report.filter) return '';
  const text = t(lang, 'report.filtered', {
    attribute: attributeName(lang, report.filter.attribute),
    value: report.filter.value,
  });
  return `<p class="filter-banner" role="note">${esc(text)}</p>`;
}

function header(lang: Lang, report: Report): string {
  const settings = t(lang, 'report.settings', {
    timezone: report.settings.timezone,
    point_value: formatMoney(lang, report.settings.point_value, report.settings.currency, 4),
    population: t(lang, report.population.kind === 'roster' ? 'report.population.roster' : 'report.population.active'),
    n: formatNumber(lang, report.population.n, 0),
  });
  return `<header>
  <h1>${esc(reportTitle(lang, report))}</h1>
  ${filterBanner(lang, report)}
  <p class="period">${esc(periodRange(lang, report.period))}</p>
  <p class="meta">${esc(settings)}</p>
  <p class="meta">${esc(t(lang, 'report.compared', { previous: periodLabel(lang, report.previous.period) }))}</p>
</header>`;
}

/**
 * The printable one-page quarterly report for management: KPI cards with their change against the previous period,
 * monthly trends, the Lorenz curve, rule-tier mix and (with `report.by`) group disparity. Self-contained HTML: inline
 * CSS and inline SVG drawn by Observable Plot, no scripts, no external resources.
 */
export function renderReportHtml(report: Report, lang: Lang): string {
  const { monthly, lorenz, tier_mix } = report.series;
  const title = reportTitle(lang, report);
  // Two A4 sheets: health on the first (figures and trends), distribution and fairness on the second.
  const parts = [
    header(lang, report),
    section(
      t(lang, 'section.kpis'),
      `${kpiSection(lang, report)}<p class="note">${esc(t(lang, 'report.null_note'))}</p>`,
    ),
    section(t(lang, 'section.trends'), flowsChart(lang, monthly, report.period)),
    section(t(lang, 'section.outstanding'), outstandingChart(lang, monthly, report.period)),
    `<div class="sheet">`,
    `<div class="pair">${section(t(lang, 'section.lorenz'), lorenzChart(lang, lorenz, report.gini))}${section(t(lang, 'section.tiers'), tiersChart(lang, tier_mix))}</div>`,
    report.by
      ? section(
          t(lang, 'section.disparity', { attribute: attributeName(lang, report.by.attribute) }),
          disparitySection(lang, report.by, report.settings),
        )
      : '',
    `<footer>${esc(t(lang, 'report.footer'))}</footer>`,
    `</div>`,
  ];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${FILE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${REPORT_CSS}</style>
</head>
<body>
<main class="report">
${parts.filter(Boolean).join('\n')}
</main>
</body>
</html>
`;
}
