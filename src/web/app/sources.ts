import type { Figure } from '../../cards/kpi.ts';

/**
 * Which queries/*.sql files each dashboard chart and KPI card draws from, so the page can say so under it, as the
 * notebooks do. test/web/sources.test.ts checks that every chart on a page is listed and every file exists.
 */
export const CHART_QUERIES: Record<string, readonly string[]> = {
  'monthly-flows': ['monthly_series'],
  outstanding: ['monthly_series'],
  'daily-issued': ['audit_daily_series'],
  departments: ['group_fairness'],
  'tier-mix': ['tier_mix'],
  'rule-usage': ['rule_usage'],
  cohorts: ['cohort_retention'],
  lorenz: ['distribution'],
  'gini-trend': ['distribution'],
  'group-means': ['group_fairness'],
  disparity: ['group_fairness'],
  theil: ['group_fairness'],
  'audit-program': ['audit_daily_series'],
  benford: ['audit_amounts'],
  'flag-timeline': ['audit_account_series'],
  'flag-graph': ['audit_transfer_edges'],
  'flag-program': ['audit_daily_series'],
  forest: ['ab_accounts'],
  'arm-distribution': ['ab_accounts'],
  'whatif-lorenz': ['simulate_accounts'],
  'rank-bars': ['rank_period'],
  'mall-categories': ['redemption_categories'],
  'mall-monthly': ['redemption_monthly'],
  'account-months': ['account_monthly'],
  expiring: ['expiring_soon'],
};

/** The query each KPI card's number comes from. */
export const KPI_QUERIES: Record<Figure, readonly string[]> = {
  issued: ['flows'],
  redeemed: ['flows'],
  redemption_rate: ['flows'],
  acquisition_rate: ['flows'],
  active: ['flows'],
  inflation_ratio: ['flows'],
  points_retention_rate: ['stocks'],
  breakage: ['stocks'],
  liability: ['stocks'],
  participant_retention_rate: ['participant_retention'],
  gini: ['distribution'],
};

/** `queries/a.sql, queries/b.sql`: the line under a chart or a card's definition. */
export function sourceFiles(ids: readonly string[] | undefined): string | null {
  return ids && ids.length > 0 ? ids.map((id) => `queries/${id}.sql`).join(', ') : null;
}
