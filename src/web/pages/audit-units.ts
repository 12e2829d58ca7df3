import type { Flag } from '../../audit/schema.ts';
import { formatFixed, formatNumber, formatPercent, formatPoints } from '../../i18n/format.ts';
import type { Lang, MessageKey } from '../../i18n/index.ts';

type Unit = 'points' | 'seconds' | 'share' | 'days' | 'rows' | 'count' | 'mad' | 'ratio';
type Score = 'z' | 'p' | 'ratio' | 'transfers' | 'share' | 'chi2';

/**
 * What a check's value, baseline and score are (src/audit/checks/*): the flags table mixes checks, so each number
 * is printed with its own unit, and a p-value as "p < 0.0001" rather than a rounded "0".
 */
const UNITS: Record<string, { value: Unit; baseline: Unit; score: Score | null }> = {
  account_spike: { value: 'points', baseline: 'points', score: 'z' },
  program_spike: { value: 'points', baseline: 'points', score: 'z' },
  cap_breach: { value: 'points', baseline: 'points', score: 'ratio' },
  cap_clustering: { value: 'days', baseline: 'days', score: null },
  near_duplicate: { value: 'seconds', baseline: 'seconds', score: 'p' },
  self_approval: { value: 'rows', baseline: 'rows', score: null },
  ring: { value: 'share', baseline: 'share', score: 'transfers' },
  reciprocal_pair: { value: 'count', baseline: 'count', score: null },
  concentration: { value: 'share', baseline: 'share', score: 'p' },
  off_hours_approval: { value: 'rows', baseline: 'rows', score: 'p' },
  round_adjustment: { value: 'share', baseline: 'share', score: 'p' },
  benford: { value: 'mad', baseline: 'mad', score: 'chi2' },
  burst_redeem: { value: 'points', baseline: 'points', score: 'share' },
};

type Tr = (key: MessageKey, vars?: Record<string, string | number>) => string;

function amount(lang: Lang, tr: Tr, unit: Unit, v: number): string {
  if (unit === 'points') return tr('audit.unit.points', { value: formatPoints(lang, v) });
  if (unit === 'seconds') return tr('audit.unit.seconds', { value: formatNumber(lang, v, 0) });
  if (unit === 'share') return formatPercent(lang, v, 1);
  if (unit === 'days') return tr('audit.unit.days', { value: formatNumber(lang, v, 0) });
  if (unit === 'rows') return tr('audit.unit.rows', { value: formatNumber(lang, v, 1) });
  if (unit === 'mad') return formatFixed(lang, v, 4);
  return formatNumber(lang, v, 2);
}

/** A flag's value or baseline with its unit; "—" when the check has none. */
export function flagAmount(lang: Lang, tr: Tr, f: Flag, which: 'value' | 'baseline'): string {
  const v = f[which];
  if (v === null) return '—';
  return amount(lang, tr, UNITS[f.check]?.[which] ?? 'count', v);
}

/** A flag's score as what it is: z = 4.2, p < 0.0001, 3 transfers, 1.4 × the cap. */
export function flagScore(lang: Lang, tr: Tr, f: Flag): string {
  const v = f.score;
  const kind = UNITS[f.check]?.score;
  if (v === null || !kind) return v === null ? '—' : formatNumber(lang, v, 2);
  if (kind === 'z') return `z = ${formatNumber(lang, v, 1)}`;
  if (kind === 'p') return v < 0.0001 ? 'p < 0.0001' : `p = ${formatFixed(lang, v, 4)}`;
  if (kind === 'ratio') return tr('audit.unit.times', { value: formatFixed(lang, v, 2) });
  if (kind === 'transfers') return tr('audit.unit.transfers', { value: formatNumber(lang, v, 0) });
  if (kind === 'share') return formatPercent(lang, v, 1);
  return `χ² = ${formatNumber(lang, v, 1)}`;
}
