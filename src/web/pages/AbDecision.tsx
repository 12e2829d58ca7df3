import type { AbResult } from '../../experiments/schema.ts';
import { formatFixed, formatPercent } from '../../i18n/format.ts';
import { useT } from '../app/lang.ts';
import { chance, pValue } from './ab-format.ts';

/**
 * The answer first, as GrowthBook's results read: one sentence with the decision on the primary metric (points
 * issued per account, first treatment) and the state of the fairness guardrail, then the table for who wants more.
 */
export function AbDecision({ r }: { r: AbResult }) {
  const { lang, tr } = useT();
  const m = r.metrics.find((x) => x.metric === 'issued');
  if (!m) return null;
  const g = r.guardrails;
  // A lowering is said as "lowers by 5 %", so its size and interval are shown positive.
  const flip = m.verdict === 'worse' ? -1 : 1;
  const ci = m.rel_ci ? (flip === 1 ? m.rel_ci : [-m.rel_ci[1], -m.rel_ci[0]]) : null;
  const decision = tr(`exp.decision.${m.verdict}`, {
    treatment: m.treatment,
    control: m.control,
    metric: tr('exp.decision.metric'),
    rel: formatPercent(lang, m.rel_lift === null ? null : flip * m.rel_lift, 1),
    lo: formatPercent(lang, ci?.[0] ?? null, 1),
    hi: formatPercent(lang, ci?.[1] ?? null, 1),
    p: pValue(m.p_adjusted),
    chance: chance(lang, m.chance_to_beat_control),
  });
  const state =
    !g.gini_diff_ci || g.gini_diff === null
      ? 'unknown'
      : g.gini_diff_ci[0] > 0
        ? 'rose'
        : g.gini_diff_ci[1] < 0
          ? 'fell'
          : 'unchanged';
  const guardrail = tr(`exp.decision.guardrail.${state}`, {
    diff: formatFixed(lang, state === 'fell' ? -(g.gini_diff ?? 0) : g.gini_diff, 3),
    lo: formatFixed(lang, g.gini_diff_ci?.[0] ?? null, 3),
    hi: formatFixed(lang, g.gini_diff_ci?.[1] ?? null, 3),
  });
  const good = r.srm.ok && m.verdict === 'better' && state !== 'rose';
  return (
    <div
      className={`banner ${r.srm.ok ? (good ? 'ok' : 'note') : 'bad'} decision`}
      data-testid="decision"
      role="status"
    >
      <strong>{tr('exp.decision.sentence', { decision, guardrail })}</strong>
      {r.srm.ok ? null : <span>{tr('exp.decision.srm')}</span>}
    </div>
  );
}
