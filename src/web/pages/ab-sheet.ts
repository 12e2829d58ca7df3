import type { AbResult } from '../../experiments/schema.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { tableSheet } from '../components/XlsxButton.tsx';

type Metric = AbResult['metrics'][number];

/** The A/B results table as a workbook sheet: the page's column titles, every number unrounded. */
export function abSheet(tr: (key: MessageKey, vars?: Record<string, string | number>) => string, title: string, r: AbResult) {
  return tableSheet<Metric>(title, [
    { key: 'metric', header: tr('exp.col.metric'), type: 'string', value: (m) => tr(`exp.metric.${m.metric}` as MessageKey) },
    { key: 'treatment', header: tr('exp.col.arm'), type: 'string', value: (m) => m.treatment },
    { key: 'mean_control', header: tr('exp.col.mean_control'), type: 'number', value: (m) => m.mean_control },
    { key: 'mean_treatment', header: tr('exp.col.mean_treatment'), type: 'number', value: (m) => m.mean_treatment },
    { key: 'abs_lift', header: tr('exp.col.abs'), type: 'number', value: (m) => m.abs_lift },
    { key: 'abs_ci_low', header: `${tr('exp.col.abs')} ↓`, type: 'number', value: (m) => m.abs_ci?.[0] ?? null },
    { key: 'abs_ci_high', header: `${tr('exp.col.abs')} ↑`, type: 'number', value: (m) => m.abs_ci?.[1] ?? null },
    { key: 'rel_lift', header: tr('exp.col.rel'), type: 'number', value: (m) => m.rel_lift },
    { key: 'p', header: tr('exp.col.p'), type: 'number', value: (m) => m.p },
    { key: 'p_adjusted', header: tr('exp.col.p_adj'), type: 'number', value: (m) => m.p_adjusted },
    { key: 'mw_p', header: tr('exp.col.mw'), type: 'number', value: (m) => m.mw_p },
    { key: 'verdict', header: tr('exp.col.verdict'), type: 'string', value: (m) => tr(`exp.verdict.${m.verdict}` as MessageKey) },
  ], r.metrics);
}
