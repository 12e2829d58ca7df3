import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { buildReport } from '../../src/report/build.ts';
import { fairnessInterval, fairnessView } from '../../src/report/fairness-view.ts';
import { quarterPeriod } from '../../src/dates.ts';
import { sampleDb } from '../rank/sample-db.ts';

// The Fairness page's own request must show the numbers the report shows for the same period and filter: it runs
// the same queries over one pass of the period's accounts instead of the whole report.
describe('fairnessView (GET /api/fairness): the report inequality numbers, alone', () => {
  let sample: Awaited<ReturnType<typeof sampleDb>>;
  let db: Database;
  beforeAll(async () => {
    sample = await sampleDb('fairness-view-');
    db = await Database.open(sample.path, { threads: 2 });
  }, 120_000);
  afterAll(() => {
    db?.close();
    sample?.cleanup();
  });

  const views = [
    { quarter: '2026Q1', filter: undefined },
    { quarter: '2025Q3', filter: { attribute: 'department', value: '研发部' } },
    { quarter: '2026Q2', filter: { attribute: 'region', value: '华东' } },
  ];
  it.each(views)('$quarter $filter: equal to the report, group table included', async ({ quarter, filter }) => {
    const report = await buildReport(db, { period: { quarter }, by: 'department', filter, intervals: false });
    const view = await fairnessView(db, { period: quarterPeriod(quarter), by: 'department', filter });
    expect(view.population.n).toBeGreaterThan(0);
    expect(view.period).toEqual(report.period);
    expect(view.population).toEqual(report.population);
    for (const k of ['gini', 'gini_nonzero', 'gini_nonzero_n', 'theil', 'top10_share', 'zero_share'] as const)
      expect(view[k], k).toBe(report[k]);
    expect(view.series.lorenz).toEqual(report.series.lorenz);
    expect(view.by).toEqual(report.by);
    expect(view.filter).toEqual(report.filter);
    expect(view.settings.fairness).toEqual(report.settings.fairness);
    // The population's own total: the group means' weighted average, which the disparities compare to.
    const groups = view.by!.groups;
    expect(view.population_issued).toBeCloseTo(
      groups.reduce((s, g) => s + (g.total_issued ?? 0), 0),
      6,
    );
  });

  it("the interval request gives the report's gini_ci for the same period and filter", async () => {
    const filter = { attribute: 'department', value: '研发部' };
    const report = await buildReport(db, { period: { quarter: '2026Q1' }, filter });
    const ci = await fairnessInterval(db, { period: quarterPeriod('2026Q1'), filter });
    expect(report.gini_ci).not.toBeNull();
    expect(ci.gini_ci).toEqual(report.gini_ci);
    expect(ci.bootstrap).toEqual({
      resamples: report.settings.bootstrap!.resamples,
      seed: report.settings.bootstrap!.seed,
      level: report.settings.bootstrap!.level,
    });
  });

  it('without a group attribute: no group table', async () => {
    const view = await fairnessView(db, { period: quarterPeriod('2026Q1') });
    expect(view.by).toBeUndefined();
    expect(view.gini).not.toBeNull();
  });
});
