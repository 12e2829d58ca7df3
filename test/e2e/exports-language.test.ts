import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tour } from './page-tour.ts';
import { sampleBrowserApp } from './sample-server.ts';
import { englishWords } from './visible-text.ts';

const s = sampleBrowserApp();

const csvHeader = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')[0];

/** Tables in the page that have no XLSX button of their own (the nearest box holding a button holds only them). */
function tablesWithoutXlsx(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter((t) => t.checkVisibility())
      .filter((t) => {
        for (let el = t.parentElement; el; el = el.parentElement) {
          // The first box with a button must be this table's alone: not another table's, not a chart's.
          if (el.querySelector('[data-xlsx]'))
            return el.querySelectorAll('table').length > 1 || el.querySelector('figure.chart') !== null;
        }
        return true;
      })
      .map((t) => t.getAttribute('data-testid') ?? t.className ?? 'table'),
  );
}

describe('exports in the page’s language (headless Chromium)', () => {
  it('gives every chart’s CSV Chinese column titles on a Chinese page, and every table an XLSX button', async () => {
    const context = await s.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const english: Record<string, string[]> = {};
    const missing: Record<string, string[]> = {};
    const seen = new Set<string>();
    await tour(page, s.app.server.url, 'lang=zh-CN', async ({ name }) => {
      const without = await tablesWithoutXlsx(page);
      if (without.length) missing[name] = without;
      for (const chart of await page.locator('figure.chart[data-chart]').all()) {
        const id = (await chart.getAttribute('data-chart'))!;
        if (seen.has(id)) continue;
        seen.add(id);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          chart.locator('.downloads button').filter({ hasText: 'CSV' }).click(),
        ]);
        const words = englishWords([csvHeader(readFileSync((await download.path())!))]);
        if (words.length) english[id] = words;
      }
    });
    expect(seen.size).toBeGreaterThan(15);
    expect({ english, missing }).toEqual({ english: {}, missing: {} });
    await context.close();
  });

  it('localises the audit flags and audit sample CSV headers', async () => {
    const get = async (path: string) => Buffer.from(await (await fetch(new URL(path, s.app.server.url))).arrayBuffer());
    const flags = csvHeader(await get('/api/audit/flags.csv?quarter=2026Q1&lang=zh-CN'));
    const sample = csvHeader(await get('/api/audit/sample?quarter=2026Q1&rate=0.05&seed=7&format=csv&lang=zh-CN'));
    expect(englishWords([flags])).toEqual([]);
    expect(englishWords([sample])).toEqual([]);
    expect(flags).toContain('检查');
    expect(sample).toContain('记录编号');
    // The page links to them in its own language.
    const page = await s.browser.newPage({ locale: 'zh-CN' });
    await page.goto(new URL('/audit?quarter=2026Q1', s.app.server.url).toString());
    await page.locator('[data-testid=flags] tbody tr').first().waitFor();
    expect(await page.getByTestId('audit-sample-download').getAttribute('href')).toContain('lang=zh-CN');
    expect(await page.locator('a[href*="flags.csv"]').first().getAttribute('href')).toContain('lang=zh-CN');
    await page.close();
  });

  it('names a workbook sheet after its chart without cutting a word (Excel allows 31 characters)', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    await page.goto(new URL('/health?quarter=2026Q2&lang=en', s.app.server.url).toString());
    const chart = page.locator('[data-chart=monthly-flows]');
    await chart.locator('svg').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), chart.locator('[data-xlsx]').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const name = wb.worksheets[0].name;
    expect(name.length).toBeLessThanOrEqual(31);
    const title = 'Issued, redeemed and expired per month';
    // Either the whole title, or whole words of it followed by an ellipsis.
    const words = name.replace(/…$/, '').split(' ');
    expect(title.split(' ').slice(0, words.length).join(' ').replace(/,$/, '')).toBe(words.join(' ').replace(/,$/, ''));
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('Month');
    await page.close();
  });
});
