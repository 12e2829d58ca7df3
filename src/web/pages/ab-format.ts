import { formatFixed, formatPercent } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/index.ts';

/** A p-value as the A/B page prints it: four decimals, "< 0.0001" below that, "—" when there is none. */
export const pValue = (v: number | null) => (v === null ? '—' : v < 0.0001 ? '< 0.0001' : formatFixed('en', v, 4));

/** A chance to beat control: a percentage, but never "100.0 %" or "0.0 %" for what is only very likely (as GrowthBook). */
export function chance(lang: Lang, v: number | null): string {
  if (v === null) return '—';
  if (v > 0.999) return `> ${formatPercent(lang, 0.999, 1)}`;
  if (v < 0.001) return `< ${formatPercent(lang, 0.001, 1)}`;
  return formatPercent(lang, v, 1);
}
