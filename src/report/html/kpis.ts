import { formatFixed, formatMoney, formatNumber, formatPercent, formatPoints } from '../../i18n/format.ts';
import { t, type Lang, type MessageKey } from '../../i18n/index.ts';
import type { PeriodMetrics, Report } from '../schema.ts';
import { change, type ChangeKind } from './change.ts';
import { esc } from './escape.ts';

type Figure = 'issued' | 'redeemed' | 'redemption_rate' | 'acquisition_rate' | 'points_retention_rate' | 'participant_retention_rate' | 'active' | 'breakage' | 'inflation_ratio' | 'liability' | 'gini';

interface KpiSpec {
  key: Figure;
  format: (lang: Lang, v: number | null, settings: Report['settings']) => string;
  change: ChangeKind;
  /** Which direction of change is good news; absent where it depends on the program (breakage, liability). */
  good?: 'up' | 'down';
  unit?: MessageKey;
}

/** The seeds' Gini threshold ("0 = fair, > 0.3 unequal", metrics.md), unless the program's settings say otherwise. */
const GINI_WARNING = 0.3;

const points = (lang: Lang, v: number | null) => formatPoints(lang, v);
const pct = (lang: Lang, v: number | null) => formatPercent(lang, v, 1);

/** The management cards, in reading order (issue 4: issued … Gini). */
export const KPIS: KpiSpec[] = [
  { key: 'issued', format: points, change: 'relative', unit: 'kpi.issued.unit' },
  { key: 'redeemed', format: points, change: 'relative', unit: 'kpi.redeemed.unit' },
  { key: 'redemption_rate', format: pct, change: 'pp', good: 'up' },
  { key: 'acquisition_rate', format: (lang, v) => formatFixed(lang, v, 1), change: 'relative', unit: 'kpi.acquisition_rate.unit' },
  { key: 'points_retention_rate', format: pct, change: 'pp' },
  { key: 'participant_retention_rate', format: pct, change: 'pp', good: 'up' },
  { key: 'active', format: (lang, v) => formatNumber(lang, v, 0), change: 'relative', good: 'up', unit: 'kpi.active.unit' },
  { key: 'breakage', format: pct, change: 'pp' },
  { key: 'inflation_ratio', format: (lang, v) => (v === null ? formatNumber(lang, v) : `${formatFixed(lang, v, 2)}×`), change: 'abs', good: 'down' },
  { key: 'liability', format: (lang, v, s) => formatMoney(lang, v, s.currency, 0), change: 'relative' },
  { key: 'gini', format: (lang, v) => formatFixed(lang, v, 3), change: 'abs', good: 'down' },
];

const ARROWS = { up: '▲', down: '▼', flat: '＝' } as const;

function value(m: PeriodMetrics, key: Figure): number | null {
  return m[key];
}

function card(lang: Lang, report: Report, spec: KpiSpec): string {
  const current = value(report, spec.key);
  const previous = value(report.previous, spec.key);
  const c = change(lang, spec.change, current, previous);
  const tone = c.direction === 'up' || c.direction === 'down' ? (spec.good ? (spec.good === c.direction ? 'good' : 'bad') : 'neutral') : 'neutral';
  const helpVars = { point_value: formatMoney(lang, report.settings.point_value, report.settings.currency, 4), warning: formatNumber(lang, report.settings.fairness?.gini_warning ?? GINI_WARNING, 2) };
  const unitText = spec.unit && current !== null ? t(lang, spec.unit) : '';
  // A long unit ("points per participant per month") goes on its own line rather than wrapping beside the number.
  const unit = unitText ? ` <span class="kpi-unit${unitText.length > 12 ? ' long' : ''}">${esc(unitText)}</span>` : '';
  const arrow = c.direction ? `<span class="arrow" aria-hidden="true">${ARROWS[c.direction]}</span> ` : '';
  const prev = previous !== null ? ` <span class="prev">${esc(t(lang, 'change.previous', { value: spec.format(lang, previous, report.settings) }))}</span>` : '';
  const nullNote = current === null ? `<p class="kpi-null">${esc(t(lang, `kpi.${spec.key}.null`))}</p>` : '';
  return `<div class="kpi${current === null ? ' is-null' : ''}" data-kpi="${spec.key}">
  <div class="kpi-label">${esc(t(lang, `kpi.${spec.key}.label`))}</div>
  <div class="kpi-value">${esc(spec.format(lang, current, report.settings))}${unit}</div>
  <div class="kpi-change ${c.direction ?? 'none'} ${tone}">${arrow}${esc(c.text)}${prev}</div>
  ${nullNote}<p class="kpi-help">${esc(t(lang, `kpi.${spec.key}.help`, helpVars))}</p>
</div>`;
}

/** The KPI card grid, each card with its change against the previous period and its one-line definition. */
export function kpiCards(lang: Lang, report: Report): string {
  return `<div class="kpis">${KPIS.map((s) => card(lang, report, s)).join('\n')}</div>`;
}
