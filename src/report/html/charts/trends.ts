import type { Lang } from '../../../i18n/index.ts';
import { flowSeries, flowsSpec, outstandingSpec } from '../../../charts/trends.ts';
import type { Report } from '../../schema.ts';
import { plotSvg } from '../plot-dom.ts';
import { emptyChart, legend } from './common.ts';

type Monthly = Report['series']['monthly'];

/** Monthly issued vs redeemed vs expired, the report period shaded. */
export function flowsChart(lang: Lang, monthly: Monthly, period: Report['period']): string {
  if (monthly.length === 0) return emptyChart(lang);
  const series = flowSeries(lang);
  return (
    legend(series.map((s) => ({ label: s.label, color: s.color, shape: s.dash ? 'dash' : 'line' }))) +
    plotSvg(flowsSpec(lang, monthly, period))
  );
}

/** Outstanding points at each month end: the stock the flows above add to. */
export function outstandingChart(lang: Lang, monthly: Monthly, period: Report['period']): string {
  if (monthly.length === 0) return emptyChart(lang);
  return plotSvg(outstandingSpec(lang, monthly, period));
}
