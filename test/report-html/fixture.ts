import { Report, type PeriodMetrics } from '../../src/report/schema.ts';

/**
 * A hand-built quarterly report for an employee points program of ~1,200 people, 2026Q1 against 2025Q4.
 * Numbers are mutually consistent where the renderer could show the inconsistency (rates = their flows,
 * Lorenz curve = the Gini), so screenshots look like a real quarter. Validated by the real schema.
 */
function period(from: string, to: string, m: Partial<PeriodMetrics>): PeriodMetrics {
  const issued = m.issued ?? 0;
  const redeemed = m.redeemed ?? 0;
  const expired = m.expired ?? 0;
  const active = m.active ?? 0;
  const outstandingStart = m.outstanding_start ?? 0;
  const outstanding = m.outstanding ?? 0;
  return {
    period: { from, to },
    population: { kind: 'roster', n: 1200 },
    issued,
    deducted: 4_210,
    redeemed,
    expired,
    adjusted_in: 1_500,
    adjusted_out: 300,
    transferred: 2_400,
    active,
    earners: active - 37,
    acquisition_rate: issued / active / 3,
    redemption_rate: redeemed / issued,
    redemption_rate_lifetime: 0.612,
    points_retention_rate: outstanding / outstandingStart,
    participant_retention_rate: 0.874,
    breakage: 0.041,
    inflation_ratio: issued / (redeemed + expired),
    outstanding,
    outstanding_start: outstandingStart,
    liability: outstanding * 0.01,
    roi_cost: redeemed * 0.01,
    gini: 0.375,
    gini_nonzero: 0.331,
    gini_ci: [0.352, 0.398],
    theil: 0.241,
    top10_share: 0.287,
    zero_share: 0.031,
    ...m,
  };
}

/** 24 months ending with the report quarter; a seasonal bump in December and steady growth of the stock. */
function monthly() {
  const out: Report['series']['monthly'] = [];
  let outstanding = 820_000;
  for (let i = 0; i < 24; i++) {
    const year = 2024 + Math.floor((i + 3) / 12);
    const month = ((i + 3) % 12) + 1;
    const issued = 110_000 + i * 1_800 + (month === 12 ? 35_000 : 0);
    const redeemed = 78_000 + i * 1_500 + (month === 1 ? 20_000 : 0);
    const expired = month % 3 === 0 ? 9_000 : 2_500;
    outstanding += issued - redeemed - expired;
    out.push({ month: `${year}-${String(month).padStart(2, '0')}`, issued, redeemed, expired, outstanding });
  }
  return out;
}

/** L(p) = p^a has Gini (a − 1)/(a + 1); a = 2.2 gives (1.2)/(3.2) = 0.375, the fixture's Gini. */
function lorenz() {
  return Array.from({ length: 51 }, (_, k) => ({ p: k / 50, l: (k / 50) ** 2.2 }));
}

export function reportFixture(overrides: Partial<Report> = {}): Report {
  const current = period('2026-01-01', '2026-04-01', {
    issued: 413_250.5,
    redeemed: 298_400,
    expired: 20_500,
    active: 1_163,
    outstanding_start: 1_512_300,
    outstanding: 1_602_440.5,
  });
  const previous = period('2025-10-01', '2026-01-01', {
    issued: 402_900,
    redeemed: 251_700,
    expired: 16_000,
    active: 1_141,
    outstanding_start: 1_381_000,
    outstanding: 1_512_300,
    participant_retention_rate: 0.861,
    breakage: 0.039,
    gini: 0.362,
  });
  const report = {
    ...current,
    previous,
    by: {
      attribute: 'department',
      theil_between: 0.058,
      theil_within: 0.183,
      theil_between_share: 0.058 / 0.241,
      groups: [
        {
          value: 'Sales',
          n: 312,
          mean_issued: 452.1,
          mean_ci: [421.0, 483.2],
          gini: 0.34,
          disparity: 452.1 / 355.3,
          small: false,
          outside_band: true,
        },
        {
          value: 'Engineering',
          n: 288,
          mean_issued: 371.9,
          mean_ci: [350.2, 393.6],
          gini: 0.29,
          disparity: 371.9 / 355.3,
          small: false,
          outside_band: false,
        },
        {
          value: 'Customer Service 客服部',
          n: 244,
          mean_issued: 298.4,
          mean_ci: [280.1, 316.7],
          gini: 0.31,
          disparity: 298.4 / 355.3,
          small: false,
          outside_band: false,
        },
        {
          value: 'Operations',
          n: 201,
          mean_issued: 262.0,
          mean_ci: [240.9, 283.1],
          gini: 0.41,
          disparity: 262.0 / 355.3,
          small: false,
          outside_band: true,
        },
        {
          value: 'Finance',
          n: 118,
          mean_issued: 341.5,
          mean_ci: [310.4, 372.6],
          gini: 0.27,
          disparity: 341.5 / 355.3,
          small: false,
          outside_band: false,
        },
        {
          value: 'Legal',
          n: 12,
          mean_issued: 512.0,
          mean_ci: [380.0, 644.0],
          gini: 0.22,
          disparity: 512.0 / 355.3,
          small: true,
          outside_band: true,
        },
        {
          value: null,
          n: 25,
          mean_issued: 180.2,
          mean_ci: null,
          gini: 0.5,
          disparity: 180.2 / 355.3,
          small: true,
          outside_band: true,
        },
      ],
    },
    series: {
      monthly: monthly(),
      lorenz: lorenz(),
      tier_mix: [
        { tier: 'base', issued: 301_672.9, share: 0.73, target: 0.7 },
        { tier: 'challenge', issued: 66_120.1, share: 0.16, target: 0.2 },
        { tier: 'reward', issued: 45_457.5, share: 0.11, target: 0.1 },
      ],
    },
    settings: { timezone: 'Asia/Shanghai', point_value: 0.01, currency: 'CNY' },
    ...overrides,
  };
  return Report.parse(report);
}
