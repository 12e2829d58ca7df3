import { describe, expect, it } from 'vitest';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();

describe('the dashboard says which query a number comes from (headless Chromium)', () => {
  it('under each chart and in each KPI card’s definition, in both languages', async () => {
    for (const [lang, word] of [
      ['en', 'Source: '],
      ['zh-CN', '数据来源：'],
    ] as const) {
      const page = await s.browser.newPage();
      try {
        await page.goto(new URL(`/health?lang=${lang}`, s.app.server.url).toString());
        const flows = page.locator('[data-chart=monthly-flows] .source');
        await flows.waitFor();
        expect(await flows.textContent()).toBe(`${word}queries/monthly_series.sql`);
        expect(await page.locator('[data-chart=cohorts] .source').textContent()).toBe(
          `${word}queries/cohort_retention.sql`,
        );
        expect(await page.locator('[data-kpi=issued] .kpi-help .source').textContent()).toBe(
          `${word}queries/flows.sql`,
        );
        expect(await page.locator('[data-kpi=gini] .kpi-help .source').textContent()).toBe(
          `${word}queries/distribution.sql`,
        );
      } finally {
        await page.close();
      }
    }
  });
});
