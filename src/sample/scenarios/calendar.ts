import { addDays, daysBetween } from '../../dates.ts';
import type { Rng } from '../rng.ts';
import type { RuleSet } from './rules.ts';
import { AUDIT_FROM, AUDIT_TO, HISTORY_FROM, type Shape } from './shape.ts';

export interface ScenarioDay {
  index: number;
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Multiplies every account's award rate that day (weekly pattern and seasons). */
  factor: number;
  /** Points multiplier per rule id on a campaign day ('*' = every rule). */
  campaign: Map<string, number>;
}

export interface ScenarioCampaign {
  from: string;
  /** Inclusive last day. */
  to: string;
  rule: string | null;
  label: string;
  multiplier: number;
  /** false when the campaign brings more awards (a shopping festival), not more points per award. */
  paysMore: boolean;
}

/** Spring Festival 2025 (除夕 28 January) and its week off. */
const SPRING_FESTIVAL = { from: '2025-01-27', to: '2025-02-05' };

/** Day factors for the shape's weekly pattern and seasons; campaigns are planned double-points days. */
export function makeCalendar(
  shape: Shape,
  rules: RuleSet,
  rng: Rng,
): { days: ScenarioDay[]; campaigns: ScenarioCampaign[] } {
  const n = daysBetween(HISTORY_FROM, AUDIT_TO);
  const campaigns = planCampaigns(shape, rules, rng);
  const days: ScenarioDay[] = [];
  for (let i = 0; i < n; i++) {
    const date = addDays(HISTORY_FROM, i);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    let factor = shape.week === 'office' ? (weekend ? 0.2 : 1) : weekend ? 1.3 : 1;
    const dom = Number(date.slice(8, 10));
    const nextMonth = addDays(date, 3).slice(5, 7) !== date.slice(5, 7);
    if (shape.seasons.includes('month_end') && nextMonth) factor *= 1.5;
    if (shape.seasons.includes('spring_festival') && date >= SPRING_FESTIVAL.from && date < SPRING_FESTIVAL.to)
      factor *= shape.week === 'office' ? 0.03 : 0.3;
    if (shape.seasons.includes('double_11') && date.slice(5, 7) === '11' && dom <= 11) factor *= dom === 11 ? 2.5 : 1.3;
    const campaign = new Map<string, number>();
    for (const c of campaigns)
      if (c.paysMore && date >= c.from && date <= c.to) campaign.set(c.rule ?? '*', c.multiplier);
    days.push({ index: i, date, weekday, factor, campaign });
  }
  return { days, campaigns };
}

/**
 * Double-points windows of one to three days inside the audited year, one rule or all rules, ×2 or ×3; with
 * Double 11 a retail program's 11 November promotion is a planned campaign too (the busy day is not abuse).
 */
function planCampaigns(shape: Shape, rules: RuleSet, rng: Rng): ScenarioCampaign[] {
  const out: ScenarioCampaign[] = [];
  const span = daysBetween(AUDIT_FROM, AUDIT_TO);
  for (let k = 0; k < shape.campaigns; k++) {
    const from = addDays(AUDIT_FROM, 30 + Math.floor(((span - 60) * (k + rng.next())) / shape.campaigns));
    const to = addDays(from, rng.int(0, 2));
    const rule = rng.chance(0.5) ? rng.pick(rules.rules.filter((r) => r.tier === 'base')).id : null;
    out.push({ from, to, rule, label: `双倍积分日 ${k + 1}`, multiplier: rng.pick([2, 3]), paysMore: true });
  }
  if (shape.seasons.includes('double_11'))
    out.push({ from: '2025-11-11', to: '2025-11-11', rule: null, label: '双十一', multiplier: 3, paysMore: false });
  return out;
}

export const inAudit = (d: ScenarioDay) => d.date >= AUDIT_FROM && d.date < AUDIT_TO;
