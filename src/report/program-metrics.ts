import { PeriodMetrics, type Report } from './schema.ts';

/**
 * A report cut down to its aggregate KPIs, for readers outside the report's own population (a manager's "whole
 * program" column): the period's and the previous period's metrics, without groups, series, rules or expiry rows.
 */
export function programMetrics(r: Report): {
  period: Report['period'];
  program: PeriodMetrics;
  previous: PeriodMetrics;
} {
  // zod drops every key the period schema does not name.
  return { period: r.period, program: PeriodMetrics.parse(r), previous: PeriodMetrics.parse(r.previous) };
}
