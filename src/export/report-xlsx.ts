import { messageKeys, t, type Lang, type MessageKey } from '../i18n/index.ts';
import { reportCsvRows } from '../report/report-csv.ts';
import type { Report } from '../report/schema.ts';
import { columns, header } from './headers.ts';
import { toXlsx, type XlsxSheet } from './xlsx.ts';

/**
 * The report as a workbook: the metric,current,previous,change rows of its CSV (report-csv.ts) with the page's
 * label of each metric where it has one, then its tables (monthly series, tier mix, rule usage, groups).
 * Period bounds become dates; numbers stay numbers.
 */
export function reportSheets(report: Report, lang: Lang): XlsxSheet[] {
  const labels = new Set(messageKeys(lang));
  const metricRows = reportCsvRows(report).map(([metric, current, previous, change]) => {
    const key = `kpi.${String(metric)}.label`;
    const isDate = String(metric).startsWith('period.');
    const asDate = (v: unknown) => (isDate && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v);
    return {
      metric,
      label: labels.has(key) ? t(lang, key as MessageKey) : null,
      current: asDate(current),
      previous: asDate(previous),
      change,
    };
  });
  const sheets: XlsxSheet[] = [
    {
      name: header('sheet.report', lang),
      columns: [
        ...columns(lang, [['metric', 'string']]),
        { key: 'label', header: header('name', lang), type: 'string' },
        ...columns(lang, [
          ['current', 'auto'],
          ['previous', 'auto'],
          ['change', 'auto'],
        ]),
      ],
      rows: metricRows,
    },
    {
      name: header('sheet.monthly', lang),
      columns: columns(lang, [
        ['month', 'month'],
        ['issued', 'number'],
        ['redeemed', 'number'],
        ['expired', 'number'],
        ['outstanding', 'number'],
      ]),
      rows: report.series.monthly,
    },
    {
      name: header('sheet.tier_mix', lang),
      columns: columns(lang, [
        ['tier', 'string'],
        ['issued', 'number'],
        ['share', 'percent'],
        ['target', 'percent'],
      ]),
      rows: report.series.tier_mix,
    },
  ];
  if (report.rule_usage) {
    sheets.push({
      name: header('sheet.rule_usage', lang),
      columns: columns(lang, [
        ['rule', 'string'],
        ['name', 'string'],
        ['tier', 'string'],
        ['in_catalog', 'boolean'],
        ['rows', 'integer'],
        ['accounts', 'integer'],
        ['points', 'number'],
        ['used', 'boolean'],
      ]),
      rows: report.rule_usage.map((r) => ({ ...r, rule: r.rule_id })),
    });
  }
  if (report.by) {
    sheets.push({
      name: `${header('sheet.groups', lang)} ${report.by.attribute}`,
      columns: columns(lang, [
        ['value', 'string'],
        ['n', 'integer'],
        ['mean_issued', 'number'],
        ['gini', 'number'],
        ['disparity', 'number'],
        ['small', 'boolean'],
        ['outside_band', 'boolean'],
      ]),
      rows: report.by.groups,
    });
  }
  return sheets;
}

export const reportXlsx = (report: Report, lang: Lang): Promise<Buffer> => toXlsx(reportSheets(report, lang));
