import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { watch } from './chromium.ts';
import { tour } from './page-tour.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const FIXTURES = fileURLToPath(new URL('../fixtures/downloads/charts/', import.meta.url));
/** `LEDGER_LENS_FREEZE_DOWNLOADS=1 npx vitest run test/e2e/chart-csv-frozen.test.ts` writes the fixtures: deliberate. */
const FREEZE = process.env.LEDGER_LENS_FREEZE_DOWNLOADS === '1';

/** Charts whose CSV needed a second click, printed at the end so a growing list is seen. */
const retried: string[] = [];

/** Every chart on the page as its CSV download: chart id → bytes. */
async function chartCsvs(page: Page): Promise<Map<string, Buffer>> {
  const got = new Map<string, Buffer>();
  const ids = await page.locator('[data-chart]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')!));
  for (const id of ids) {
    const chart = page.locator(`[data-chart=${id}]`).first();
    const button = chart.locator('.downloads button').filter({ hasText: 'CSV' });
    // Late in the zh-CN tour one click in a few yields no download event (cause not found: no page error, the worker
    // answers); a second click is what a user would do, and the bytes are still compared below.
    let download = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), button.click()]).then(
      ([d]) => d,
      () => null,
    );
    if (!download) {
      retried.push(`${page.url()} ${id}`);
      [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    }
    got.set(id, readFileSync((await download.path())!));
  }
  return got;
}

/** The audit charts the tour does not open: Benford's bars of each field, a program spike's daily window. */
async function auditExtras(page: Page, base: string, lang: string, visit: (stop: { name: string }) => Promise<void>) {
  for (const quarter of QUARTERS) {
    await page.goto(new URL(`/audit?quarter=${quarter}&lang=${lang}`, base).toString());
    await page.locator('[data-testid=flags] tbody tr').first().waitFor();
    for (const field of ['adjust', 'transfer', 'cash_value']) {
      await page.getByTestId('benford-field').selectOption(field);
      await page.locator('[data-chart=benford] svg, [data-testid=benford-skipped]').first().waitFor();
      if (await page.locator('[data-chart=benford]').count()) await visit({ name: `benford-${quarter}-${field}` });
    }
    const spike = page.locator('[data-testid=flags] tr[data-check=program_spike] button.link').first();
    if (await spike.count()) {
      await spike.click();
      await page.locator('[data-chart=flag-program] svg').first().waitFor();
      await visit({ name: `program-spike-${quarter}` });
    }
  }
}
const QUARTERS = ['2025Q3', '2025Q4', '2026Q1', '2026Q2'];

describe('chart-data CSVs byte for byte as frozen before their reshaping moved into the worker (headless Chromium)', () => {
  it('downloads every chart of every tour stop unchanged, in both languages', async () => {
    const seen = new Set<string>();
    for (const lang of ['en', 'zh-CN'] as const) {
      const dir = join(FIXTURES, lang);
      if (FREEZE) mkdirSync(dir, { recursive: true });
      const context = await s.browser.newContext({ locale: lang, viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const w = watch(page);
      const visit = async ({ name }: { name: string }) => {
        for (const [id, bytes] of await chartCsvs(page)) {
          const file = `${name}--${id}.csv`;
          seen.add(`${lang}/${file}`);
          if (FREEZE) writeFileSync(join(dir, file), bytes);
          expect(existsSync(join(dir, file)), `${lang}/${file} is frozen`).toBe(true);
          expect(bytes.equals(readFileSync(join(dir, file))), `${lang}/${file}`).toBe(true);
        }
      };
      await tour(page, s.app.server.url, `lang=${lang}`, visit);
      await auditExtras(page, s.app.server.url, lang, visit);
      expect(w.errors.filter((e) => !e.endsWith('net::ERR_ABORTED'))).toEqual([]);
      await context.close();
    }
    // Every frozen file was downloaded again: a chart that lost its CSV button fails here.
    const frozen = ['en', 'zh-CN'].flatMap((lang) => readdirSync(join(FIXTURES, lang)).map((f) => `${lang}/${f}`));
    expect(frozen.filter((f) => !seen.has(f))).toEqual([]);
    expect(seen.size).toBeGreaterThan(40);
    // One flaky click is tolerated and named; more means the downloads broke.
    if (retried.length) console.warn(`CSV downloads that needed a second click: ${retried.join('; ')}`);
    expect(retried.length).toBeLessThanOrEqual(2);
  });
});
