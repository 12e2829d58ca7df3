import * as Plot from '@observablehq/plot';
import { formatPercent } from '../i18n/format.ts';
import { t, type Lang } from '../i18n/index.ts';
import { COLORS, fitLabel, textWidth } from './common.ts';

export type TierMix = { tier: string; issued: number; share: number | null; target: number | null }[];

const KNOWN = { base: 'tier.base', challenge: 'tier.challenge', reward: 'tier.reward' } as const;

/** Known tiers by their translated name; any other tier name from the rules table is shown as written. */
export function tierName(lang: Lang, tier: string): string {
  // tier_mix.sql names points with no rule, or a rule without a tier, 'unassigned'.
  if (tier === '' || tier === 'unassigned') return t(lang, 'tier.none');
  return tier in KNOWN ? t(lang, KNOWN[tier as keyof typeof KNOWN]) : tier;
}

/** Actual share of points issued per rule tier (bars) against the program's target (black ticks), e.g. 7:2:1. */
export function tiersSpec(lang: Lang, tiers: TierMix, extra: Plot.Markish[] = []): Plot.PlotOptions {
  const rows = tiers.map((r) => ({ ...r, name: fitLabel(tierName(lang, r.tier), 120) }));
  const pct = (v: number | null) => formatPercent(lang, v, 0);
  const valueText = (r: (typeof rows)[number]) =>
    r.target === null ? pct(r.share) : t(lang, 'chart.tiers.value', { actual: pct(r.share), target: pct(r.target) });
  const maxShare = Math.max(0.01, ...rows.flatMap((r) => [r.share ?? 0, r.target ?? 0]));
  const marginLeft = Math.ceil(Math.max(...rows.map((r) => textWidth(r.name)))) + 14;
  return {
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
      Plot.tickX(
        rows.filter((r) => r.target !== null),
        { x: 'target', y: 'name', stroke: '#111', strokeWidth: 3 },
      ),
      // Value labels right of whichever is further out, the bar or the target tick, so the two never collide.
      Plot.text(rows, {
        x: (r) => Math.max(r.share ?? 0, r.target ?? 0),
        y: 'name',
        text: valueText,
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.ruleX([0]),
      ...extra,
    ],
  };
}

export function tiersLegend(lang: Lang) {
  return [
    { label: t(lang, 'chart.tiers.actual'), color: COLORS.blue, shape: 'box' as const },
    { label: t(lang, 'chart.tiers.target'), color: '#111', shape: 'tick' as const },
  ];
}
