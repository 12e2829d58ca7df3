import type { AbResult } from '../../experiments/schema.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { tableSheet } from '../components/XlsxButton.tsx';

type Metric = AbResult['metrics'][number];

/** The A/B results table as a workbook sheet: the page's column titles, every number unrounded. */
export function abSheet(
  tr: (key: MessageKey, vars?: Record<string, string | number>) => string,
  title: string,
  r: AbResult,
) {
  return tableSheet<Metric>(
    title,
    [
      {
        key: 'metric',
        header: tr('exp.col.metric'),
        type: 'string',
        value: (m) => tr(`exp.metric.${m.metric}` as MessageKey),
      },
      { key: 'treatment', header: tr('exp.col.arm'), type: 'string', value: (m) => m.treatment },
      { key: 'mean_control', header: tr('exp.col.mean_control'), type: 'number', value: (m) => m.mean_control },
      { key: 'mean_treatment', header: tr('exp.col.mean_treatment'), type: 'number', value: (m) => m.mean_treatment },
      ...lift('abs_lift_unadjusted', tr('exp.col.abs_unadjusted'), (m) => [m.abs_lift_unadjusted, m.abs_ci_unadjusted]),
      ...lift('abs_lift', tr('exp.col.abs_cuped'), (m) => (m.cuped.applied ? [m.abs_lift, m.abs_ci] : [null, null])),
      { key: 'rel_lift', header: tr('exp.col.rel'), type: 'number', value: (m) => m.rel_lift },
      { key: 'p', header: tr('exp.col.p'), type: 'number', value: (m) => m.p },
      { key: 'p_adjusted', header: tr('exp.col.p_adj'), type: 'number', value: (m) => m.p_adjusted },
      { key: 'chance', header: tr('exp.col.chance'), type: 'percent', value: (m) => m.chance_to_beat_control },
      { key: 'mw_p', header: tr('exp.col.mw'), type: 'number', value: (m) => m.mw_p },
      {
        key: 'verdict',
        header: tr('exp.col.verdict'),
        type: 'string',
        value: (m) => tr(`exp.verdict.${m.verdict}` as MessageKey),
      },
    ],
    r.metrics,
  );
}

/** A lift and its interval as three columns: estimate, low, high (the header's "[95 % CI]" names the pair). */
function lift(key: string, header: string, get: (m: Metric) => [number | null, [number, number] | null]) {
  const title = header.replace(/\s*\[.*\]$/, '');
  return [
    { key, header: title, type: 'number' as const, value: (m: Metric) => get(m)[0] },
    {
      key: `${key}_low`,
      header: `${title} ↓95 %`,
      type: 'number' as const,
      value: (m: Metric) => get(m)[1]?.[0] ?? null,
    },
    {
      key: `${key}_high`,
      header: `${title} ↑95 %`,
      type: 'number' as const,
      value: (m: Metric) => get(m)[1]?.[1] ?? null,
    },
  ];
}
