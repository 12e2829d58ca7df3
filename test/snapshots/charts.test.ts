import type * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { disparitySpec } from '../../src/charts/disparity.ts';
import { lorenzSpec } from '../../src/charts/lorenz.ts';
import { tiersSpec } from '../../src/charts/tiers.ts';
import { flowsSpec, outstandingSpec } from '../../src/charts/trends.ts';
import type { Lang } from '../../src/i18n/index.ts';
import { disparitySection } from '../../src/report/html/charts/disparity.ts';
import { lorenzChart } from '../../src/report/html/charts/lorenz.ts';
import { tiersChart } from '../../src/report/html/charts/tiers.ts';
import { flowsChart, outstandingChart } from '../../src/report/html/charts/trends.ts';
import { accountMonthsSpec } from '../../src/web/charts/account-months.ts';
import { barsSpec } from '../../src/web/charts/bars.ts';
import { benfordSpec } from '../../src/web/charts/benford.ts';
import { cohortSpec } from '../../src/web/charts/cohorts.ts';
import { dailySpec } from '../../src/web/charts/daily.ts';
import { armDistributionSpec, forestSpec } from '../../src/web/charts/forest.ts';
import { giniTrendSpec } from '../../src/web/charts/gini-trend.ts';
import { graphSpec } from '../../src/web/charts/graph.ts';
import { groupMeansSpec } from '../../src/web/charts/group-means.ts';
import { lorenzPairSpec } from '../../src/web/charts/lorenz-pair.ts';
import { mallMonthlySpec } from '../../src/web/charts/mall-monthly.ts';
import { rankBarsSpec } from '../../src/web/charts/rank-bars.ts';
import { theilSpec } from '../../src/web/charts/theil.ts';
import { timelineSpec } from '../../src/web/charts/timeline.ts';
import { armHistogram, type ArmBin } from '../../src/reshape/arm-histogram.ts';
import { reportFixture } from '../report-html/fixture.ts';
import * as d from './chart-data.ts';
import { renderChart } from './render.ts';

const report = reportFixture();
const { monthly, lorenz, tier_mix } = report.series;
const by = report.by!;
const simulated = lorenz.map((p) => ({ p: p.p, l: p.p === 0 || p.p === 1 ? p.p : p.l * 0.9 + p.p * 0.1 }));

/** Every chart spec in src/charts and src/web/charts, on fixed data. */
const SPECS: Record<string, (lang: Lang) => Plot.PlotOptions | null> = {
  'charts-disparity': (lang) => disparitySpec(lang, by, report.settings),
  'charts-lorenz': (lang) => lorenzSpec(lang, lorenz),
  'charts-tiers': (lang) => tiersSpec(lang, tier_mix),
  'charts-flows': (lang) => flowsSpec(lang, monthly, report.period),
  'charts-outstanding': (lang) => outstandingSpec(lang, monthly, report.period),
  'web-account-months': (lang) => accountMonthsSpec(lang, d.accountMonths),
  'web-bars': (lang) => barsSpec(lang, d.bars, 'points'),
  'web-benford': (lang) => benfordSpec(lang, d.benfordBins),
  'web-cohorts': (lang) => cohortSpec(lang, d.cohortCells),
  'web-daily': (lang) => dailySpec(lang, d.days),
  'web-forest': (lang) => forestSpec(lang, d.forestMetrics),
  // The shares as the dashboard's worker reshapes them, with the same arquero function run here in Node.
  'web-arm-distribution': (lang) =>
    armDistributionSpec(
      lang,
      armHistogram(d.armDistribution).objects() as ArmBin[],
      d.armDistribution.arms.map((a) => a.variant),
    ),
  'web-gini-trend': (lang) => giniTrendSpec(lang, d.giniPoints, 0.4),
  'web-graph': (lang) => graphSpec(lang, d.ringAccounts, d.ringEdges),
  'web-group-means': (lang) => groupMeansSpec(lang, by.groups, 355.3, { low: 0.8, high: 1.25 }),
  'web-lorenz-pair': (lang) => lorenzPairSpec(lang, lorenz, simulated),
  'web-mall-monthly': (lang) => mallMonthlySpec(lang, d.mallMonths),
  'web-rank-bars': (lang) => rankBarsSpec(lang, d.rankRows, 10, false),
  'web-rank-bars-grouped': (lang) => rankBarsSpec(lang, d.rankRows, 10, true),
  'web-theil': (lang) => theilSpec(lang, 0.18),
  'web-timeline': (lang) => timelineSpec(lang, d.timeline, { from: '2026-02-01', to: '2026-02-15' }),
};

/** The printable report's chart sections (legend + SVG + caption) in src/report/html/charts. */
const SECTIONS: Record<string, (lang: Lang) => string> = {
  'report-disparity': (lang) => disparitySection(lang, by, report.settings),
  'report-lorenz': (lang) => lorenzChart(lang, lorenz, report.gini),
  'report-tiers': (lang) => tiersChart(lang, tier_mix),
  'report-flows': (lang) => flowsChart(lang, monthly, report.period),
  'report-outstanding': (lang) => outstandingChart(lang, monthly, report.period),
  'report-empty': (lang) => lorenzChart(lang, [], null),
};

const LANGS: Lang[] = ['en', 'zh-CN'];

/** One element per line so a snapshot diff points at the mark that changed. */
function pretty(markup: string): string {
  return `${markup.replace(/></g, '>\n<')}\n`;
}

describe('chart snapshots (update deliberately: npm run test:update-snapshots)', () => {
  for (const lang of LANGS) {
    for (const [name, spec] of Object.entries(SPECS)) {
      it(`${name} (${lang})`, async () => {
        const options = spec(lang);
        expect(options, 'a spec on non-empty data draws something').not.toBeNull();
        await expect(pretty(renderChart(options!))).toMatchFileSnapshot(`./svg/${name}.${lang}.svg`);
      });
    }
    for (const [name, section] of Object.entries(SECTIONS)) {
      it(`${name} (${lang})`, async () => {
        await expect(pretty(section(lang))).toMatchFileSnapshot(`./html/${name}.${lang}.html`);
      });
    }
  }

  it('renders the same SVG twice (snapshots are deterministic)', () => {
    for (const spec of Object.values(SPECS)) expect(renderChart(spec('en')!)).toBe(renderChart(spec('en')!));
  });

  it('covers every chart module', async () => {
    const { readdirSync } = await import('node:fs');
    const modules = [
      ...readdirSync(new URL('../../src/charts/', import.meta.url)).map((f) => `charts-${f}`),
      ...readdirSync(new URL('../../src/web/charts/', import.meta.url)).map((f) => `web-${f}`),
      ...readdirSync(new URL('../../src/report/html/charts/', import.meta.url)).map((f) => `report-${f}`),
    ]
      .filter((f) => !/-(common|ticks)\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    const names = [...Object.keys(SPECS), ...Object.keys(SECTIONS)];
    const uncovered = modules.filter(
      (m) =>
        !names.some(
          (n) =>
            n.startsWith(m) ||
            (m === 'charts-trends' && n === 'charts-flows') ||
            (m === 'report-trends' && n === 'report-flows'),
        ),
    );
    expect(uncovered, 'add a snapshot case for each chart module').toEqual([]);
  });
});
