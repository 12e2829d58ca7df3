import { formatPercent, formatPoints } from '../../../i18n/format.ts';
import { esc } from '../escape.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import type { Report } from '../../schema.ts';
import { plotSvg } from '../plot-dom.ts';
import { tierName, tiersLegend, tiersSpec } from '../../../charts/tiers.ts';
import { emptyChart, legend } from './common.ts';

export { tierName };

/** Actual share of points issued per rule tier (bars) against the program's target (black ticks), e.g. 7:2:1. */
export function tiersChart(lang: Lang, tiers: Report['series']['tier_mix']): string {
  if (tiers.length === 0) return emptyChart(lang);
  return legend(tiersLegend(lang)) + plotSvg(tiersSpec(lang, tiers)) + table(lang, tiers);
}

/** The exact numbers behind the bars: a manager quoting the mix in a meeting should not read them off a chart. */
function table(lang: Lang, tiers: Report['series']['tier_mix']): string {
  const head = (['tier.col.tier', 'tier.col.issued', 'tier.col.share', 'tier.col.target'] as const)
    .map((k, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(t(lang, k))}</th>`)
    .join('');
  const body = tiers
    .map(
      (r) =>
        `<tr><td>${esc(tierName(lang, r.tier))}</td><td class="num">${esc(formatPoints(lang, r.issued))}</td><td class="num">${esc(formatPercent(lang, r.share, 1))}</td><td class="num">${esc(formatPercent(lang, r.target, 0))}</td></tr>`,
    )
    .join('');
  return `<table class="groups"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
