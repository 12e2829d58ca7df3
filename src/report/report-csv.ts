import { toCsv, type CsvValue } from '../csv.ts';
import type { PeriodMetrics, Report } from './schema.ts';

/** The numeric keys of one period, in the order cli.md lists them, then the additions. */
const METRICS: (keyof PeriodMetrics)[] = [
  'issued',
  'deducted',
  'redeemed',
  'expired',
  'adjusted_in',
  'adjusted_out',
  'transferred',
  'active',
  'earners',
  'acquisition_rate',
  'redemption_rate',
  'redemption_rate_lifetime',
  'points_retention_rate',
  'participant_retention_rate',
  'breakage',
  'inflation_ratio',
  'outstanding',
  'outstanding_start',
  'liability',
  'roi_cost',
  'gini',
  'gini_nonzero',
  'theil',
  'top10_share',
  'zero_share',
  'rows',
  'months',
  'active_previous',
  'retained',
  'issued_lifetime',
  'redeemed_lifetime',
  'expired_lifetime',
  'gini_nonzero_n',
];

export const REPORT_CSV_HEADER = ['metric', 'current', 'previous', 'change'];

/**
 * The report as `metric,current,previous,change` rows: change = current − previous (empty when either is null).
 * With --by, the group breakdown follows as rows named `by.<attribute>.<statistic>` and
 * `group.<value>.<statistic>`, for the current period only (previous and change empty).
 */
export function reportCsvRows(report: Report): CsvValue[][] {
  const rows: CsvValue[][] = [
    ['period.from', report.period.from, report.previous.period.from, null],
    ['period.to', report.period.to, report.previous.period.to, null],
    ['population.kind', report.population.kind, report.previous.population.kind, null],
    numberRow('population.n', report.population.n, report.previous.population.n),
  ];
  for (const key of METRICS)
    rows.push(
      numberRow(key, report[key] as number | null | undefined, report.previous[key] as number | null | undefined),
    );
  rows.push(['gini_ci.low', report.gini_ci?.[0] ?? null, report.previous.gini_ci?.[0] ?? null, null]);
  rows.push(['gini_ci.high', report.gini_ci?.[1] ?? null, report.previous.gini_ci?.[1] ?? null, null]);
  if (report.by) {
    const by = report.by;
    const prefix = `by.${by.attribute}`;
    rows.push([`${prefix}.theil_between`, by.theil_between, null, null]);
    rows.push([`${prefix}.theil_within`, by.theil_within, null, null]);
    rows.push([`${prefix}.theil_between_share`, by.theil_between_share, null, null]);
    for (const g of by.groups) {
      const name = `group.${g.value ?? '(none)'}`;
      rows.push([`${name}.n`, g.n, null, null]);
      rows.push([`${name}.mean_issued`, g.mean_issued, null, null]);
      rows.push([`${name}.gini`, g.gini, null, null]);
      rows.push([`${name}.disparity`, g.disparity, null, null]);
      rows.push([`${name}.small`, g.small, null, null]);
      rows.push([`${name}.outside_band`, g.outside_band, null, null]);
    }
  }
  return rows;
}

export function reportCsv(report: Report): string {
  return toCsv(REPORT_CSV_HEADER, reportCsvRows(report));
}

function numberRow(name: string, current: number | null | undefined, previous: number | null | undefined): CsvValue[] {
  const c = current ?? null;
  const p = previous ?? null;
  return [name, c, p, c !== null && p !== null ? c - p : null];
}
