import { formatFixed, formatNumber } from '../../i18n/format.ts';
import type { Report } from '../../report/schema.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';

/**
 * The Gini's bootstrap interval, asked for after the report's numbers (numbers first: it costs more than every
 * other number together at 10M rows). Until it arrives the sentence says it is being computed.
 */
export function GiniInterval({
  report,
  params,
  path = '/api/report/intervals',
}: {
  report: Pick<Report, 'gini'>;
  params: Record<string, string | null | undefined>;
  /** The request that answers the interval: the report's (both periods) or the Fairness page's (one). */
  path?: '/api/report/intervals' | '/api/fairness/intervals';
}) {
  const { lang, tr } = useT();
  const ci = useApi(report.gini === null ? null : apiPath(path, params));
  const gini = formatFixed(lang, report.gini, 3);
  let text: string;
  let state: string;
  if (report.gini === null) [text, state] = [tr('interval.none'), 'none'];
  else if (ci.state === 'loading') [text, state] = [tr('interval.computing', { gini }), 'computing'];
  else if (ci.state === 'error') [text, state] = [tr('interval.failed', { gini, message: ci.error.message }), 'failed'];
  else if (!ci.data.gini_ci || ci.data.gini_ci[0] === null || ci.data.gini_ci[1] === null || !ci.data.bootstrap)
    [text, state] = [tr('interval.none'), 'none'];
  else {
    const [low, high] = ci.data.gini_ci;
    const level = formatNumber(lang, ci.data.bootstrap.level * 100, 0);
    text = tr('interval.gini', {
      gini,
      level,
      low: formatFixed(lang, low, 3),
      high: formatFixed(lang, high, 3),
      resamples: formatNumber(lang, ci.data.bootstrap.resamples, 0),
    });
    state = 'done';
  }
  return (
    <p className="gini-interval" data-interval={state} aria-live="polite">
      {text}
    </p>
  );
}
