import type * as Plot from '@observablehq/plot';
import { formatPercent } from '../../i18n/format.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { RankRow } from '../../rank/schema.ts';
import { barsSpec } from './bars.ts';

/**
 * The leaderboard's first `n` rows as bars (points issued, share of all issued at the end). With a grouping the
 * label carries the group, so the same account name in two groups cannot be confused.
 */
export function rankBarsSpec(lang: Lang, rows: RankRow[], n: number, grouped: boolean): Plot.PlotOptions | null {
  const shown = [...rows].sort((a, b) => b.issued - a.issued || a.account_id.localeCompare(b.account_id)).slice(0, n);
  if (shown.length === 0) return null;
  const label = (r: RankRow) => (grouped ? `${r.account_id} · ${r.group ?? t(lang, 'rank.group.none')}` : r.account_id);
  return barsSpec(
    lang,
    shown.map((r) => ({
      key: `${r.group ?? ''}\u0000${r.account_id}`,
      label: label(r),
      value: r.issued,
      note: formatPercent(lang, r.share, 1),
    })),
    t(lang, 'rank.chart.x'),
  );
}
