import { useContext } from 'react';
import { attributeLabel } from '../../i18n/index.ts';
import { formatMonth } from '../../i18n/format.ts';
import { useT } from './lang.ts';
import { MetaContext } from './meta.ts';
import { useUrl } from './url.ts';
import { splitFilter, viewOf } from './view.ts';

/** Pages whose numbers follow the quarter, month and filter pickers (src/web/components/Controls.tsx). */
const VIEW_PAGES = /^\/(health|fairness|audit)?(\/|$)/;

/**
 * What the page shows, in words, for a downloaded chart to carry: "2026年第2季度 · 部门：研发部". Null on pages whose
 * charts have a period of their own (rankings, experiments, what-if): those pass theirs to the chart.
 */
export function useShownLine(): string | null {
  const { lang, tr } = useT();
  const meta = useContext(MetaContext);
  const { path, params } = useUrl();
  if (!meta || !VIEW_PAGES.test(path)) return null;
  const view = viewOf(params, meta);
  const parts: string[] = [];
  if (view.month) parts.push(formatMonth(lang, view.month));
  else if (view.quarter) parts.push(tr('report.quarter', { year: view.quarter.slice(0, 4), q: view.quarter.slice(5) }));
  const filter = splitFilter(view.filter);
  if (filter) parts.push(tr('filter.chip', { attribute: attributeLabel(lang, filter.attribute), value: filter.value }));
  return parts.length ? parts.join(' · ') : null;
}
