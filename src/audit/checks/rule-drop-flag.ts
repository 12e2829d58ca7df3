import type { AuditContext } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag, pct, severityOf } from '../flag.ts';
import type { RuleDrop } from '../rule-drops.ts';
import type { Flag } from '../schema.ts';
import { spikeZ } from '../series.ts';

/**
 * A rule that stopped paying or paid far too little (rule-drops.ts), as a rule_spike flag read "rule_drop": a drop
 * is the same misconfiguration seen from the other side, named by the rule, its usual and its actual value. It has
 * no rows to show (the missing awards are the finding): the evidence is the rule's daily series on the chart.
 */
export function dropFlag(ctx: AuditContext, d: RuleDrop): Flag {
  const threshold = spikeZ(ctx.settings.program_spike);
  const first = d.days[0].day;
  const last = d.days[d.days.length - 1].day;
  return makeFlag(ctx, {
    check: 'rule_spike',
    severity: d.z === null ? 'high' : severityOf(-d.z, threshold),
    subject: 'program',
    account_id: null,
    accounts: [],
    rule_id: d.rule_id,
    from: first,
    to: addDays(last, 1),
    value: d.value,
    baseline: d.expected,
    score: d.z,
    threshold,
    threshold_name: "robust z of the rule's day on a log scale against its weekday baseline, below minus it",
    reason_key: 'rule_drop',
    reason_vars: {
      rule: d.rule_id || '(no rule)',
      day: first,
      last,
      days: d.days.length,
      value: d.value,
      expected: d.expected,
      ratio: d.value / d.expected,
      score: d.z ?? '−∞',
      threshold,
      level: pct(d.level),
    },
    event_ids: [],
  });
}
