import { lorenzLegend, lorenzSpec } from '../../../charts/lorenz.ts';
import { formatNumber } from '../../../i18n/format.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import type { Report } from '../../schema.ts';
import { esc } from '../escape.ts';
import { plotSvg } from '../plot-dom.ts';
import { emptyChart, legend } from './common.ts';

/** The Lorenz curve against the line of equality, with the Gini in words under it. */
export function lorenzChart(lang: Lang, lorenz: Report['series']['lorenz'], gini: number | null): string {
  if (lorenz.length < 2) return emptyChart(lang);
  const caption =
    gini === null
      ? ''
      : `<p class="caption">${esc(t(lang, 'chart.lorenz.caption', { gini: formatNumber(lang, gini, 3) }))}</p>`;
  return legend(lorenzLegend(lang)) + plotSvg(lorenzSpec(lang, lorenz)) + caption;
}
