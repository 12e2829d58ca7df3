import { formatFixed, formatMoney, formatNumber, formatPercent, formatPoints } from '../i18n/format.ts';
import { t, type Lang, type MessageKey } from '../i18n/index.ts';
import { change, type ChangeKind } from './change.ts';

export type Figure =
  | 'issued'
  | 'redeemed'
  | 'redemption_rate'
  | 'acquisition_rate'
  | 'points_retention_rate'
  | 'participant_retention_rate'
  | 'active'
  | 'breakage'
  | 'inflation_ratio'
  | 'liability'
  | 'gini';

/** One period's figures, as a report holds them (report/schema.ts's PeriodMetrics, among others). */
type Figures = Record<Figure, number | null>;

/**
 * What the cards read of a report (report/schema.ts holds the whole): cards/ sits below report/, whose printable
 * report draws these cards as the dashboard does.
 */
export interface KpiReport extends Figures {
  previous: Figures;
  settings: { point_value: number; currency: string; fairness?: { gini_warning: number } };
}

interface KpiSpec {
  key: Figure;
  format: (lang: Lang, v: number | null, settings: KpiReport['settings']) => string;
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
  {
    key: 'acquisition_rate',
    format: (lang, v) => formatFixed(lang, v, 1),
    change: 'relative',
    unit: 'kpi.acquisition_rate.unit',
  },
  { key: 'points_retention_rate', format: pct, change: 'pp' },
  { key: 'participant_retention_rate', format: pct, change: 'pp', good: 'up' },
  {
    key: 'active',
    format: (lang, v) => formatNumber(lang, v, 0),
    change: 'relative',
    good: 'up',
    unit: 'kpi.active.unit',
  },
  { key: 'breakage', format: pct, change: 'pp' },
  {
    key: 'inflation_ratio',
    format: (lang, v) => (v === null ? formatNumber(lang, v) : `${formatFixed(lang, v, 2)}×`),
    change: 'abs',
    good: 'down',
  },
  { key: 'liability', format: (lang, v, s) => formatMoney(lang, v, s.currency, 0), change: 'relative' },
  { key: 'gini', format: (lang, v) => formatFixed(lang, v, 3), change: 'abs', good: 'down' },
];

export const ARROWS = { up: '▲', down: '▼', flat: '＝' } as const;

/** One KPI card, every text already formatted for `lang`: the printable report and the dashboard draw the same card. */
export interface KpiCard {
  key: Figure;
  label: string;
  value: string;
  /** The raw number (null = cannot be computed), for tests and downloads. */
  raw: number | null;
  unit: string;
  change: { direction: 'up' | 'down' | 'flat' | null; text: string; tone: 'good' | 'bad' | 'neutral' };
  previous: string | null;
  nullNote: string | null;
  help: string;
}

export function kpiCard(lang: Lang, report: KpiReport, spec: KpiSpec): KpiCard {
  const current = report[spec.key];
  const previous = report.previous[spec.key];
  const c = change(lang, spec.change, current, previous);
  const tone =
    c.direction === 'up' || c.direction === 'down'
      ? spec.good
        ? spec.good === c.direction
          ? 'good'
          : 'bad'
        : 'neutral'
      : 'neutral';
  const helpVars = {
    point_value: formatMoney(lang, report.settings.point_value, report.settings.currency, 4),
    warning: formatNumber(lang, report.settings.fairness?.gini_warning ?? GINI_WARNING, 2),
  };
  return {
    key: spec.key,
    label: t(lang, `kpi.${spec.key}.label`),
    value: spec.format(lang, current, report.settings),
    raw: current,
    unit: spec.unit && current !== null ? t(lang, spec.unit) : '',
    change: { direction: c.direction, text: c.text, tone },
    previous:
      previous !== null ? t(lang, 'change.previous', { value: spec.format(lang, previous, report.settings) }) : null,
    nullNote: current === null ? t(lang, `kpi.${spec.key}.null`) : null,
    help: t(lang, `kpi.${spec.key}.help`, helpVars),
  };
}

/** Every management card, in reading order. */
export function kpiCards(lang: Lang, report: KpiReport): KpiCard[] {
  return KPIS.map((s) => kpiCard(lang, report, s));
}
