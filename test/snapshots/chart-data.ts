import type { AbResult } from '../../src/experiments/schema.ts';
import type { RankRow } from '../../src/rank/schema.ts';
import type { BenfordBar } from '../../src/web/charts/benford.ts';
import type { CohortCell } from '../../src/web/charts/cohorts.ts';
import type { DayPoint } from '../../src/web/charts/daily.ts';
import type { GiniPoint } from '../../src/web/charts/gini-trend.ts';
import type { GraphEdge } from '../../src/web/charts/graph.ts';
import type { TimelinePoint } from '../../src/web/charts/timeline.ts';

// Fixed, hand-written inputs for the chart snapshots: small, with a null, a tie and a Chinese label where a chart
// has to cope with them. Report-shaped inputs come from test/report-html/fixture.ts.

type Metric = AbResult['metrics'][number];

/** A metric row with the fields the forest plot draws; the rest are fixed. */
function metric(m: Pick<Metric, 'metric' | 'treatment' | 'rel_lift' | 'rel_ci' | 'verdict'>): Metric {
  return {
    control: 'A',
    n_control: 400,
    n_treatment: 410,
    mean_control: 100,
    mean_treatment: 100 * (1 + (m.rel_lift ?? 0)),
    abs_lift: null,
    abs_ci: null,
    p: 0.01,
    p_adjusted: 0.03,
    mw_p: 0.02,
    method: 'welch',
    ...m,
  } as Metric;
}

export const forestMetrics: Metric[] = [
  metric({ metric: 'issued', treatment: 'B', rel_lift: 0.12, rel_ci: [0.05, 0.19], verdict: 'better' }),
  metric({
    metric: 'redemption_ratio',
    treatment: 'B',
    rel_lift: -0.03,
    rel_ci: [-0.09, 0.02],
    verdict: 'inconclusive',
  }),
  metric({ metric: 'active_days', treatment: 'B', rel_lift: -0.08, rel_ci: [-0.14, -0.02], verdict: 'worse' }),
  metric({ metric: 'issued', treatment: 'C', rel_lift: null, rel_ci: null, verdict: 'inconclusive' }),
];

export const armDistribution: AbResult['distribution'] = {
  bins: [0, 100, 200, 400, 800],
  arms: [
    { variant: 'A', quantiles: [], counts: [120, 180, 80, 20] },
    { variant: 'B', quantiles: [], counts: [90, 170, 120, 30] },
  ],
};

export const benfordBins: BenfordBar[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => {
  const expected = Math.log10(1 + 1 / d);
  const observed = d === 5 ? expected * 1.6 : expected * 0.95;
  return { digits: d, count: Math.round(observed * 1000), observed, expected };
});

export const cohortCells: CohortCell[] = ['2025-10-01', '2025-11-01', '2025-12-01'].flatMap((cohort, c) =>
  [0, 1, 2].slice(0, 3 - c).map((k) => ({
    cohort,
    k,
    cohort_size: 40 - c * 10,
    active: 30 - k * 8 - c * 5,
    share: k === 2 ? null : (30 - k * 8 - c * 5) / (40 - c * 10),
  })),
);

export const days: DayPoint[] = Array.from({ length: 21 }, (_, i) => {
  const day = `2026-03-${String(i + 1).padStart(2, '0')}`;
  const value = i === 15 ? 9_000 : i === 10 ? 800 : 3_000 + ((i * 379) % 900);
  const known = i >= 7;
  return {
    day,
    value,
    expected: known ? 3_400 : null,
    lower: known ? 2_600 : null,
    upper: known ? 4_300 : null,
    z: known ? (value - 3_400) / 300 : null,
    spike: i === 15,
    rules: i === 15 ? [{ rule_id: 'R07', value: 5_000, expected: 400 }] : [],
    drop: i === 10,
    drops: i === 18 ? [{ rule_id: 'R03', value: 0, expected: 600 }] : [],
    campaigns: i >= 12 && i <= 14 ? ['Spring drive'] : [],
  };
});

export const giniPoints: GiniPoint[] = [
  { quarter: '2025Q2', from: '2025-05-12', to: '2025-07-01', n: 1100, gini: 0.33, gini_nonzero: 0.29, partial: true },
  { quarter: '2025Q3', from: '2025-07-01', to: '2025-10-01', n: 1150, gini: 0.35, gini_nonzero: 0.3, partial: false },
  { quarter: '2025Q4', from: '2025-10-01', to: '2026-01-01', n: 1180, gini: 0.41, gini_nonzero: 0.36, partial: false },
  { quarter: '2026Q1', from: '2026-01-01', to: '2026-04-01', n: 1200, gini: null, gini_nonzero: null, partial: false },
];

export const ringAccounts = ['E1001', 'E1002', 'E1003', '张伟'];
export const ringEdges: GraphEdge[] = [
  { giver: 'E1001', receiver: 'E1002', transfers: 6, points: 1_200 },
  { giver: 'E1002', receiver: 'E1003', transfers: 5, points: 1_100 },
  { giver: 'E1003', receiver: '张伟', transfers: 4, points: 900 },
  { giver: '张伟', receiver: 'E1001', transfers: 5, points: 1_000 },
];

export const timeline: TimelinePoint[] = Array.from({ length: 14 }, (_, i) => ({
  day: `2026-02-${String(i + 1).padStart(2, '0')}`,
  issued: i === 10 ? 800 : (i * 37) % 120,
  median: 60,
  lower: 0,
  upper: 180,
}));

export const mallMonths = [
  {
    month: '2026-01',
    redemptions: 120,
    redeemed: 48_000,
    cost: 4_800,
    outstanding_start: 300_000,
    share_of_outstanding: 0.16,
  },
  {
    month: '2026-02',
    redemptions: 95,
    redeemed: 39_500,
    cost: 3_950,
    outstanding_start: 310_000,
    share_of_outstanding: 0.127,
  },
  {
    month: '2026-03',
    redemptions: 140,
    redeemed: 61_000,
    cost: 6_100,
    outstanding_start: null,
    share_of_outstanding: null,
  },
];

export const rankRows: RankRow[] = [
  {
    rank: 1,
    account_id: 'E2001',
    group: 'Sales',
    issued: 5_200,
    share: 0.052,
    group_share: 0.13,
    previous_issued: 4_000,
    previous_rank: 2,
    movement: 1,
  },
  {
    rank: 2,
    account_id: 'E2002',
    group: '研发',
    issued: 4_800,
    share: 0.048,
    group_share: 0.2,
    previous_issued: 4_900,
    previous_rank: 1,
    movement: -1,
  },
  {
    rank: 2,
    account_id: 'E2003',
    group: 'Sales',
    issued: 4_800,
    share: 0.048,
    group_share: 0.12,
    previous_issued: null,
    previous_rank: null,
    movement: null,
  },
  {
    rank: 4,
    account_id: 'E2004',
    group: null,
    issued: 3_100,
    share: 0.031,
    group_share: 0.031,
    previous_issued: 3_000,
    previous_rank: 4,
    movement: 0,
  },
];

export const bars = [
  { key: 'Sales', label: 'Sales (n=312)', value: 141_055, accent: true },
  { key: 'R&D', label: '研发部 (n=280)', value: 99_484 },
  { key: 'Ops', label: 'Operations and logistics, long name (n=9)', value: 3_010, note: 'small' },
];

/** One account's points in and out over 14 months (the account page's chart), with a quiet month and a cash-out. */
export const accountMonths = Array.from({ length: 14 }, (_, i) => ({
  month: `${2025 + Math.floor((i + 6) / 12)}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`,
  points_in: i === 4 ? 0 : 120 + ((i * 37) % 90),
  points_out: i === 9 ? 800 : (i * 23) % 60,
}));
