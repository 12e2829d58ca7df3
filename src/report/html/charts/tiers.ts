import * as Plot from '@observablehq/plot';
import { formatPercent, formatPoints } from '../../../i18n/format.ts';
import { esc } from '../escape.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import type { Report } from '../../schema.ts';
import { fitLabel, plotSvg, textWidth } from '../plot-dom.ts';
import { COLORS, emptyChart, legend } from './common.ts';

const KNOWN = { base: 'tier.base', challenge: 'tier.challenge', reward: 'tier.reward' } as const;

/** Known tiers by their translated name; any other tier name from the rules table is shown as written. */
export function tierName(lang: Lang, tier: string): string {
  // tier_mix.sql names points with no rule, or a rule without a tier, 'unassigned'.
  if (tier === '' || tier === 'unassigned') return t(lang, 'tier.none');
  return tier in KNOWN ? t(lang, KNOWN[tier as keyof typeof KNOWN]) : tier;
}

/** Actual share of points issued per rule tier (bars) against the program's target (black ticks), e.g. 7:2:1. */
export function tiersChart(lang: Lang, tiers: Report['series']['tier_mix']): string {
  if (tiers.length === 0) return emptyChart(lang);
  const rows = tiers.map((r) => ({ ...r, name: fitLabel(tierName(lang, r.tier), 120) }));
  const pct = (v: number | null) => formatPercent(lang, v, 0);
  const valueText = (r: (typeof rows)[number]) => (r.target === null ? pct(r.share) : t(lang, 'chart.tiers.value', { actual: pct(r.share), target: pct(r.target) }));
  const maxShare = Math.max(0.01, ...rows.flatMap((r) => [r.share ?? 0, r.target ?? 0]));
  const marginLeft = Math.ceil(Math.max(...rows.map((r) => textWidth(r.name)))) + 14;
  const svg = plotSvg({
    width: 340,
    height: 60 + rows.length * 48,
    marginLeft,
    marginRight: Math.ceil(Math.max(...rows.map((r) => textWidth(valueText(r))))) + 12,
    marginBottom: 40,
    marginTop: 10,
    x: {
      domain: [0, Math.min(1, maxShare * 1.15)],
      label: t(lang, 'chart.tiers.x'),
      labelAnchor: 'right',
      labelArrow: 'none',
      tickFormat: (v: number) => formatPercent(lang, v, 0),
      ticks: 4,
      grid: true,
    },
    y: { domain: rows.map((r) => r.name), label: null, padding: 0.3 },
    marks: [
      Plot.barX(rows, { x: (r) => r.share ?? 0, y: 'name', fill: COLORS.blue, fillOpacity: 0.85 }),
      Plot.tickX(rows.filter((r) => r.target !== null), { x: 'target', y: 'name', stroke: '#111', strokeWidth: 3 }),
      // Value labels right of whichever is further out, the bar or the target tick, so the two never collide.
      Plot.text(rows, {
        x: (r) => Math.max(r.share ?? 0, r.target ?? 0),
        y: 'name',
        text: valueText,
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.ruleX([0]),
    ],
  });
  return (
    legend([
      { label: t(lang, 'chart.tiers.actual'), color: COLORS.blue, shape: 'box' },
      { label: t(lang, 'chart.tiers.target'), color: '#111', shape: 'tick' },
    ]) +
    svg +
    table(lang, tiers)
  );
}

/** The exact numbers behind the bars: a manager quoting the mix in a meeting should not read them off a chart. */
function table(lang: Lang, tiers: Report['series']['tier_mix']): string {
  const head = (['tier.col.tier', 'tier.col.issued', 'tier.col.share', 'tier.col.target'] as const).map((k, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(t(lang, k))}</th>`).join('');
  const body = tiers
    .map((r) => `<tr><td>${esc(tierName(lang, r.tier))}</td><td class="num">${esc(formatPoints(lang, r.issued))}</td><td class="num">${esc(formatPercent(lang, r.share, 1))}</td><td class="num">${esc(formatPercent(lang, r.target, 0))}</td></tr>`)
    .join('');
  return `<table class="groups"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
