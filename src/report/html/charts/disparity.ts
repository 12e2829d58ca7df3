import { formatFixed, formatNumber, formatPercent } from '../../../i18n/format.ts';
import { attributeName, t, type Lang } from '../../../i18n/index.ts';
import type { Report } from '../../schema.ts';
import { esc } from '../escape.ts';
import { band, bandState, disparitySpec, verdict } from '../../../charts/disparity.ts';
import { plotSvg } from '../plot-dom.ts';
import { emptyChart } from './common.ts';

type By = NonNullable<Report['by']>;
type Group = By['groups'][number];

function table(lang: Lang, groups: Group[], b: { low: number; high: number }): string {
  const head = [
    'group.col.group',
    'group.col.n',
    'group.col.mean',
    'group.col.disparity',
    'group.col.gini',
    'group.col.note',
  ] as const;
  const body = groups
    .map((g) => {
      const name = g.value === null ? t(lang, 'group.missing') : g.value;
      const cls = { small: 'small', outside: 'outside', uncertain: 'uncertain' }[bandState(g, b) as string] ?? '';
      return `<tr class="${cls}"><td>${esc(name)}</td><td class="num">${esc(formatNumber(lang, g.n, 0))}</td><td class="num">${esc(formatFixed(lang, g.mean_issued, 1))}</td><td class="num">${esc(g.disparity === null ? '—' : `${formatFixed(lang, g.disparity, 2)}×`)}</td><td class="num">${esc(formatFixed(lang, g.gini, 3))}</td><td>${esc(verdict(lang, g, b))}</td></tr>`;
    })
    .join('');
  return `<table class="groups"><thead><tr>${head.map((h, i) => `<th${i > 0 && i < 5 ? ' class="num"' : ''}>${esc(t(lang, h))}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The group disparity section body: chart, band note, Theil share and the table with every group. */
export function disparitySection(lang: Lang, by: By, settings: Report['settings']): string {
  if (by.groups.length === 0) return emptyChart(lang);
  const theil =
    by.theil_between_share === null
      ? ''
      : ` ${t(lang, 'chart.disparity.theil', { attribute: attributeName(lang, by.attribute), share: formatPercent(lang, by.theil_between_share, 1) })}`;
  const { low, high } = band(settings);
  const bandNote = t(lang, 'chart.disparity.band', {
    low: formatNumber(lang, low, 2),
    high: formatNumber(lang, high, 2),
  });
  return `${plotSvg(disparitySpec(lang, by, settings))}<p class="caption">${esc(bandNote + theil)}</p>${table(lang, by.groups, band(settings))}`;
}
