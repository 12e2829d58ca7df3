import { describe, expect, it } from 'vitest';
import { watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

// What the Health page's first paint waits for (issue 15): /api/meta asked while the app's script still loads, one
// report request where two parts need the same answer, and no other page's code parsed before Health draws.
const s = sampleBrowserApp();
const pathOf = (url: string) => new URL(url).pathname;
/** The Health page at `query`, once its report's charts are drawn, and what it asked for meanwhile. */
const openHealth = async (query: string) => {
  const page = await s.browser.newPage({ locale: 'en' });
  const w = watch(page);
  await page.goto(new URL(`/health?${query}`, s.app.server.url).toString());
  for (const id of ['monthly-flows', 'departments', 'tier-mix', 'rule-usage'])
    await page.locator(`[data-chart=${id}] svg`).first().waitFor();
  return { page, w };
};

describe('the first paint of the Health page (headless Chromium)', () => {
  it('asks for /api/meta before the app has run, once, and for an unfiltered report once', async () => {
    const { page, w } = await openHealth('quarter=2026Q1&lang=en');
    // The preload in index.html is issued while the document is parsed; the app's module script runs before
    // DOMContentLoaded, so a request that the app itself made would start after it.
    const { metaStart, dcl } = await page.evaluate(() => ({
      metaStart: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/meta'))?.startTime,
      dcl: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
    }));
    expect(metaStart).toBeDefined();
    expect(metaStart!).toBeLessThan(dcl);
    const asked = (p: string) => w.requests.filter((u) => pathOf(u) === p).length;
    expect(asked('/api/meta')).toBe(1);
    // The KPI cards and the department bars need the same report when no filter is set: one request for both.
    expect(asked('/api/report')).toBe(1);
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('asks for a filtered report without the breakdown, which the department bars take from the unfiltered one', async () => {
    const { page, w } = await openHealth('quarter=2026Q1&lang=en&filter=region%3D华东');
    const reports = w.requests
      .map((u) => new URL(u))
      .filter((u) => u.pathname === '/api/report')
      .map((u) => ({ by: u.searchParams.get('by'), filter: u.searchParams.get('filter') }));
    // The breakdown within a filter is one group, and the page never draws it: computing it cost the filtered
    // report its largest query.
    expect(reports).toHaveLength(2);
    expect(reports).toContainEqual({ by: null, filter: 'region=华东' });
    expect(reports).toContainEqual({ by: 'department', filter: null });
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('loads another page’s code only when that page is opened', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    const w = watch(page);
    await page.goto(new URL('/health?quarter=2026Q1&lang=en', s.app.server.url).toString());
    await page.locator('[data-chart=monthly-flows] svg').first().waitFor();
    await page.locator('[data-chart=cohorts] svg').first().waitFor();
    const scripts = () => new Set(w.requests.filter((u) => /\/assets\/.*\.js$/.test(pathOf(u))));
    const onHealth = scripts();
    await page.getByRole('link', { name: 'Fairness' }).click();
    await page.locator('[data-chart=lorenz] svg').first().waitFor();
    const added = [...scripts()].filter((u) => !onHealth.has(u));
    expect(added.length).toBeGreaterThan(0);
    await page.locator('.gini-interval:not([data-interval=computing])').first().waitFor();
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('shows a page whose code cannot be fetched as that part’s error, in the page’s language, under the app’s header', async () => {
    const page = await s.browser.newPage({ locale: 'zh-CN' });
    await page.goto(new URL('/health?quarter=2026Q1&lang=zh-CN', s.app.server.url).toString());
    await page.locator('[data-chart=monthly-flows] svg').first().waitFor();
    await page.locator('[data-chart=cohorts] svg').first().waitFor();
    // From now on every script fetch fails, as when the app was rebuilt and this tab's chunks were removed.
    await page.route(/\/assets\/.*\.js$/, (r) => r.abort());
    await page.getByRole('link', { name: '排行榜' }).click();
    const box = page.locator('.error-box[role=alert]');
    await box.waitFor();
    expect(await box.textContent()).toContain('此部分无法加载');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(1);
    expect(await page.locator('header.top nav a').count()).toBe(6);
    await page.close();
  });
});
