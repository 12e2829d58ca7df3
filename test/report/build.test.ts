import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { defaultConfig } from '../../src/config.ts';
import { UserError } from '../../src/errors.ts';
import { buildReport } from '../../src/report/build.ts';
import { insertAccounts, insertLedger, openTestDb } from '../queries/fixture.ts';
import { programDb, programDbWithRoster } from '../queries/program-fixture.ts';
import { allNumbersFinite, CLI_BY_KEYS, CLI_GROUP_KEYS, CLI_PERIOD_KEYS } from './report-fixtures.ts';

describe('buildReport on the hand-worked program (test/queries/program-fixture.ts)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await programDbWithRoster();
  });
  afterAll(() => db.close());

  it('defaults to the latest complete quarter and fills every cli.md key for it and the previous quarter', async () => {
    const r = await buildReport(db);
    expect(r.period).toEqual({ from: '2026-01-01', to: '2026-04-01' }); // last row 2026-04-01 00:00: Q2 has barely begun
    expect(r.previous.period).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    for (const k of CLI_PERIOD_KEYS) {
      expect(r, k).toHaveProperty(k);
      expect(r.previous, `previous.${k}`).toHaveProperty(k);
    }
    expect(allNumbersFinite(r)).toEqual([]);
  });

  it('carries the query results for both periods', async () => {
    const r = await buildReport(db, { period: { quarter: '2026Q1' } });
    expect(r.issued).toBe(400);
    expect(r.active).toBe(5);
    expect(r.population).toEqual({ kind: 'roster', n: 6, zeros: 4, not_on_roster: 2 });
    expect(r.gini).toBeCloseTo(((10 - 7) * 100 + (12 - 7) * 300) / (6 * 400), 12);
    expect(r.outstanding).toBe(505);
    expect(r.liability).toBeCloseTo(5.05, 12); // default point value 0.01
    expect(r.roi_cost).toBeCloseTo(13, 12);
    // 2025Q4: rows 3–6. Issued 200 (a) + 40 (f); active a, b, f; all of Q3's active (a, b) came back.
    expect(r.previous.issued).toBe(240);
    expect(r.previous.redeemed).toBe(30);
    expect(r.previous.active).toBe(3);
    expect(r.previous.participant_retention_rate).toBe(1);
    expect(r.participant_retention_rate).toBeCloseTo(2 / 3, 12);
    expect(r.series.tier_mix.map((t) => [t.tier, t.issued])).toEqual([
      ['base', 300],
      ['challenge', 100],
      ['reward', 0],
    ]);
    expect(r.rule_usage?.filter((u) => !u.used).map((u) => u.rule_id)).toEqual(['R3', 'R4']);
    expect(r.series.lorenz.at(-1)).toEqual({ p: 1, l: 1 });
    // Trends: at least the 12 months up to `to`, ending with the quarter's last month.
    expect(r.series.monthly.map((m) => m.month).slice(-3)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(r.series.monthly).toHaveLength(12);
    expect(r.series.monthly.at(-1)?.outstanding).toBe(505);
    expect(r.expiring).toBeNull(); // no expiry policy by default
  });

  it('adds the group breakdown with --by, with Student-t intervals, small groups kept', async () => {
    const r = await buildReport(db, {
      period: { quarter: '2026Q1' },
      by: 'department',
      config: { ...defaultConfig(), fairness: { ...defaultConfig().fairness, min_group_size: 3 } },
    });
    const by = r.by;
    expect(by).toBeDefined();
    for (const k of CLI_BY_KEYS) expect(by, k).toHaveProperty(k);
    for (const g of by?.groups ?? []) for (const k of CLI_GROUP_KEYS) expect(g, k).toHaveProperty(k);
    const ops = by?.groups.find((g) => g.value === 'Ops');
    const sd = Math.sqrt(((100 - 100 / 3) ** 2 + 2 * (100 / 3) ** 2) / 2); // values 100, 0, 0
    const half = 4.302652729749462 * (sd / Math.sqrt(3)); // t(0.975, 2)
    // 7 decimals: the t quantile comes from jstat (stats/distributions.ts), ~7e-10 off SciPy's here, × sd/√3 ≈ 33.
    expect(ops?.mean_ci?.[0]).toBeCloseTo(100 / 3 - half, 7);
    expect(ops?.mean_ci?.[1]).toBeCloseTo(100 / 3 + half, 7);
    const none = by?.groups.find((g) => g.value === null);
    expect(none).toMatchObject({ n: 1, small: true, mean_ci: null }); // a group of one: shown, marked, no interval
  });

  it('an unknown --by attribute is a UserError that lists the attributes there are', async () => {
    const err = await buildReport(db, { by: 'departmnet' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toContain('departmnet');
    expect((err as UserError).hint).toContain('department, joined_at, left_at');
  });

  it('an unknown --reference is a UserError listing the values', async () => {
    const err = await buildReport(db, { by: 'department', reference: 'Legal' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).hint).toContain('Ops, Sales');
  });

  it('the bootstrap interval is deterministic for a seed and covers the Gini', async () => {
    const a = await buildReport(db, { bootstrap: { seed: 11 } });
    const b = await buildReport(db, { bootstrap: { seed: 11 } });
    expect(a.gini_ci).toEqual(b.gini_ci);
    const [lo, hi] = a.gini_ci as [number, number];
    expect(lo).toBeLessThanOrEqual(a.gini as number);
    expect(hi).toBeGreaterThanOrEqual(a.gini as number);
    expect(a.settings.bootstrap).toEqual({ resamples: 1000, seed: 11, level: 0.95 });
  });

  it('reports expiring points when the program has an expiry policy', async () => {
    const r = await buildReport(db, { config: { ...defaultConfig(), expiry_months: 12 } });
    expect(r.expiring?.at).toBe('2026-04-01');
    expect(r.expiring?.horizons.map((h) => h.horizon_days)).toEqual([0, 30, 60, 90]);
  });

  it('computes ROI from a given benefit', async () => {
    const r = await buildReport(db, { benefit: 26 });
    expect(r.roi).toMatchObject({ benefit: 26, cost: 13, roi: (26 - 13) / 13 });
  });
});

describe('buildReport edge cases', () => {
  it('an empty period: flows, rates and statistics are null, never 0', async () => {
    const db = await programDb();
    const r = await buildReport(db, { period: { quarter: '2030Q1' } });
    expect(r.rows).toBe(0);
    for (const k of [
      'issued',
      'deducted',
      'redeemed',
      'expired',
      'acquisition_rate',
      'redemption_rate',
      'inflation_ratio',
      'participant_retention_rate',
      'roi_cost',
      'gini',
      'gini_nonzero',
      'theil',
      'top10_share',
      'zero_share',
    ] as const) {
      expect(r[k], k).toBeNull();
    }
    expect(r.gini_ci).toBeNull();
    expect(r.population.n).toBe(0);
    expect(r.outstanding).toBe(505 + 999); // the stock is still known: every row is before 2030
    expect(allNumbersFinite(r)).toEqual([]);
    db.close();
  });

  it('one participant', async () => {
    const db = await openTestDb();
    await insertLedger(db, [
      { at: '2026-02-01 10:00:00', account: 'solo', points: 80, type: 'earn', attrs: { department: 'Only' } },
    ]);
    const r = await buildReport(db, { period: { quarter: '2026Q1' }, by: 'department' });
    expect(r).toMatchObject({
      issued: 80,
      active: 1,
      gini: 0,
      theil: 0,
      top10_share: 1,
      zero_share: 0,
      gini_ci: [0, 0],
    });
    expect(r.by?.groups).toEqual([
      expect.objectContaining({ value: 'Only', n: 1, small: true, disparity: 1, mean_ci: null }),
    ]);
    expect(r.by?.theil_between_share).toBeNull(); // T = 0
    db.close();
  });

  it('all zeros: a roster that earned nothing', async () => {
    const db = await openTestDb();
    await insertAccounts(db, [{ account: 'z1' }, { account: 'z2' }]);
    await insertLedger(db, [{ at: '2026-02-01 10:00:00', account: 'z1', points: -10, type: 'redeem' }]);
    const r = await buildReport(db, { period: { quarter: '2026Q1' } });
    expect(r).toMatchObject({
      issued: 0,
      zero_share: 1,
      gini: null,
      theil: null,
      top10_share: null,
      gini_ci: null,
      redemption_rate: null,
    });
    expect(r.series.lorenz).toEqual([]);
    db.close();
  });

  it('negative balances: retention is null, the stocks are reported as they are', async () => {
    const db = await openTestDb();
    await insertLedger(db, [
      { at: '2025-12-01 10:00:00', account: 'n1', points: -50, type: 'redeem' },
      { at: '2026-01-05 10:00:00', account: 'n1', points: 20, type: 'earn' },
    ]);
    const r = await buildReport(db, { period: { quarter: '2026Q1' } });
    expect(r).toMatchObject({ outstanding_start: -50, outstanding: -30, points_retention_rate: null });
    db.close();
  });

  it('an empty database is a UserError saying to import first', async () => {
    const db = await openTestDb();
    const err = await buildReport(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).hint).toContain('ledger-lens import');
    db.close();
  });
});
