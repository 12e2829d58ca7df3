import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();

/** Clicks one of a chart's download buttons and returns the file's bytes. */
async function download(page: Page, chart: string, format: 'SVG' | 'PNG'): Promise<Buffer> {
  const box = page.locator(`[data-chart=${chart}]`);
  await box.locator('.plot svg').first().waitFor();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    box.locator('.downloads button').filter({ hasText: format }).click(),
  ]);
  return readFileSync((await file.path())!);
}

/** Width and height of a PNG from its IHDR chunk. */
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

describe('chart images that stand alone (headless Chromium)', () => {
  it('carries title, legend, period, filter and source query in the SVG, in the page’s language', async () => {
    const context = await s.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const url = new URL('/health', s.app.server.url);
    url.search = new URLSearchParams({ quarter: '2026Q2', filter: 'department=研发部', lang: 'zh-CN' }).toString();
    await page.goto(url.toString());
    const chart = page.locator('[data-chart=monthly-flows]');
    await chart.locator('.plot svg').first().waitFor();
    const title = (await chart.locator('h3').textContent())!;
    const legend = await chart.locator('.legend .key').allTextContents();
    expect(legend.length).toBeGreaterThan(1);

    const svg = (await download(page, 'monthly-flows', 'SVG')).toString('utf8');
    expect(svg).toContain(`>${title}<`);
    for (const label of legend) expect(svg).toContain(`>${label}<`);
    expect(svg).toContain('2026年第2季度');
    expect(svg).toContain('部门：研发部');
    expect(svg).toContain('queries/monthly_series.sql');
    // One document: the chart is nested inside the frame, not pasted after it.
    expect(svg.match(/<svg[\s>]/g)!.length).toBeGreaterThan(1);
    expect(svg.trimStart().startsWith('<svg')).toBe(true);
    await context.close();
  });

  it('draws the PNG with the frame: taller than the chart alone, at twice the size', async () => {
    const page = await s.browser.newPage({ locale: 'en', acceptDownloads: true });
    await page.goto(new URL('/health?quarter=2026Q2&lang=en', s.app.server.url).toString());
    const png = pngSize(await download(page, 'monthly-flows', 'PNG'));
    const box = await page.locator('[data-chart=monthly-flows] .plot svg').first().boundingBox();
    expect(png.width).toBe(Math.ceil(box!.width * 2));
    // Title above, legend, and period + source lines below add at least 60 CSS pixels.
    expect(png.height).toBeGreaterThan(Math.ceil((box!.height + 60) * 2));
    await page.close();
  });

  it('names the ranking period on the Rankings chart’s SVG', async () => {
    const page = await s.browser.newPage({ locale: 'en', acceptDownloads: true });
    await page.goto(new URL('/rankings?period=quarter&lang=en', s.app.server.url).toString());
    const span = (await page.getByTestId('rank-span').textContent())!.trim();
    const svg = (await download(page, 'rank-bars', 'SVG')).toString('utf8');
    expect(svg).toContain(span.slice(0, 12));
    expect(svg).toContain('queries/rank_period.sql');
    await page.close();
  });
});
