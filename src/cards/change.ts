import { formatNumber, formatPercent } from '../i18n/format.ts';
import { t, type Lang } from '../i18n/index.ts';

/** How a figure's change against the previous period is best read. */
export type ChangeKind =
  | 'relative' // counts, points, money: percent change
  | 'pp' // rates shown as percentages: difference in percentage points
  | 'abs'; // indices and ratios (Gini, inflation ratio): plain difference

export interface Change {
  /** Direction of the change; null when there is nothing to compare. */
  direction: 'up' | 'down' | 'flat' | null;
  text: string;
}

/**
 * The change from `previous` to `current`. Null on either side, or a zero base for a percent change, gives
 * "no previous value" rather than an infinite or made-up percentage.
 */
export function change(lang: Lang, kind: ChangeKind, current: number | null, previous: number | null): Change {
  // Without this period's value the card shows the previous one alone ("prev. …"); nothing to add here.
  if (current === null) return { direction: null, text: '' };
  if (previous === null) return { direction: null, text: t(lang, 'change.none') };
  if (kind === 'relative' && previous === 0) return { direction: null, text: t(lang, 'change.none') };
  const delta = kind === 'relative' ? (current - previous) / Math.abs(previous) : current - previous;
  // Round first, so a change too small to print reads "unchanged" instead of "+0.0 %".
  const shown = kind === 'relative' ? round(delta * 100, 1) : kind === 'pp' ? round(delta * 100, 1) : round(delta, 3);
  if (shown === 0) return { direction: 'flat', text: t(lang, 'change.flat') };
  const sign = shown > 0 ? '+' : '−';
  const value =
    kind === 'relative'
      ? formatPercent(lang, Math.abs(shown) / 100, 1)
      : kind === 'pp'
        ? formatNumber(lang, Math.abs(shown), 1)
        : formatNumber(lang, Math.abs(shown), 3);
  return { direction: shown > 0 ? 'up' : 'down', text: t(lang, `change.${kind}`, { sign, value }) };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
