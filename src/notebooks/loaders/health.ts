import type { LoaderContext } from '../context.ts';
import {
  expiringSoon,
  flows,
  monthlySeries,
  participantRetention,
  ruleUsage,
  stocks,
  tierMix,
} from '../../report/queries-health.ts';
import { previousPeriod, type Period } from '../../periods/quarters.ts';
import { monthlyLong } from '../tables.ts';

/**
 * notebooks/health.html: the quarter's flows and stocks against the quarter before, the monthly trend of the last
 * twelve months, the rule-tier mix and the rules that carried the quarter. Every number comes from queries/*.sql
 * through the report's typed calls (src/report/queries-health.ts).
 */
export async function health({ db, period, previous, config }: LoaderContext) {
  const both = async (p: Period, prevFrom: string) => ({
    flows: await flows(db, { from: p.from, to: p.to }),
    stocks: await stocks(db, { from: p.from, to: p.to, point_value: config.point_value }),
    retention: await participantRetention(db, { from: p.from, to: p.to, prev_from: prevFrom }),
  });
  const yearBefore = `${Number(period.to.slice(0, 4)) - 1}${period.to.slice(4)}`;
  const monthly = (await monthlySeries(db, { from: yearBefore, to: period.to })).map((m) => ({
    ...m,
    month: m.month.toISOString().slice(0, 7),
  }));
  const rules = await ruleUsage(db, { from: period.from, to: period.to });
  return {
    period,
    previous,
    settings: { point_value: config.point_value, currency: config.currency, expiry_months: config.expiry_months },
    current: await both(period, previous.from),
    before: await both(previous, previousPeriod(previous).from),
    monthly,
    // The flows folded long, one line per kind on the monthly chart.
    monthly_flows: monthlyLong(monthly).objects(),
    tier_mix: await tierMix(db, {
      from: period.from,
      to: period.to,
      target_base: config.tier_target.base,
      target_challenge: config.tier_target.challenge,
      target_reward: config.tier_target.reward,
    }),
    rules: rules.filter((r) => r.used).sort((a, b) => b.points - a.points),
    unused_rules: rules.filter((r) => !r.used).map((r) => r.rule_id),
    expiring: config.expiry_months
      ? await expiringSoon(db, { at: period.to, expiry_months: config.expiry_months })
      : [],
    queries: ['flows', 'stocks', 'participant_retention', 'monthly_series', 'tier_mix', 'rule_usage', 'expiring_soon'],
  };
}
