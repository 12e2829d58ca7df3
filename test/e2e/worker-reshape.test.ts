import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import { SECURITY_HEADERS, WORKER_CSP } from '../../src/server/security.ts';
import { watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/downloads/${name}`, import.meta.url));

describe('chart-data reshaping in a dedicated worker (headless Chromium)', () => {
  it('downloads the arm-distribution CSV byte for byte as the page built it before the worker', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await s.browser.newPage({ locale: lang, viewport: { width: 1440, height: 1000 } });
      const w = watch(page);
      const policies = new Map<string, string | undefined>();
      page.on('response', (r) => policies.set(new URL(r.url()).pathname, r.headers()['content-security-policy']));
      await page.goto(new URL(`/experiments?rule=R02&lang=${lang}`, s.app.server.url).toString());
      const chart = page.locator('[data-chart=arm-distribution]');
      await chart.locator('svg').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        chart.locator('.downloads button').filter({ hasText: 'CSV' }).click(),
      ]);
      // The fixture is the download of the page before the reshaping moved into the worker.
      const got = readFileSync((await download.path())!);
      expect(got.equals(readFileSync(fixture(`arm-distribution-${lang}.csv`))), lang).toBe(true);
      // The rows came from the worker, which alone got the policy allowing eval; the page kept its own.
      const workers = [...policies.keys()].filter((p) => /^\/assets\/reshape-worker-/.test(p));
      expect(workers).toHaveLength(1);
      expect(policies.get(workers[0])).toBe(WORKER_CSP);
      expect(policies.get('/experiments')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      // The XLSX of the same chart takes its rows from the worker too.
      const [xlsx] = await Promise.all([page.waitForEvent('download'), chart.locator('[data-xlsx]').click()]);
      expect(xlsx.suggestedFilename()).toBe(`arm-distribution-${lang}.xlsx`);
      expect(
        readFileSync((await xlsx.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      expect(w.errors).toEqual([]);
      await page.close();
    }
  });

  it('keeps eval forbidden in the page itself', async () => {
    const page = await s.browser.newPage();
    await page.goto(new URL('/experiments?rule=R02', s.app.server.url).toString());
    await page.locator('[data-chart=arm-distribution] svg').first().waitFor();
    // DevTools' own evaluation is exempt from the policy (Runtime.evaluate allows eval by default): try it from a
    // task the page runs by itself, a timer, as a script of the page would.
    const answer = await page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            try {
              resolve(String(new Function('return 1')()));
            } catch (e) {
              resolve(`threw: ${(e as Error).message}`);
            }
          }),
        ),
    );
    expect(answer).toMatch(/^threw: .*unsafe-eval/);
    await page.close();
  });

  it('says so, in place and in the page’s language, when the worker cannot run', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await s.browser.newPage({ locale: lang });
      // The worker's script never arrives (as under a proxy that strips it): the page must not hang or stay silent.
      await page.route(/\/assets\/reshape-worker-[\w-]+\.js$/, (route) => route.abort());
      await page.goto(new URL(`/experiments?rule=R02&lang=${lang}`, s.app.server.url).toString());
      const failed = t(lang, 'app.error', { message: t(lang, 'app.reshape_failed') });
      // The arm-distribution chart waits for the worker's shares: its place says why it is missing, with a retry.
      const arms = page.locator('.grid-2 .error-box[role=alert]').first();
      await arms.waitFor();
      expect(await arms.locator('p').textContent()).toBe(failed);
      expect(await arms.locator('button').count()).toBe(1);
      // The forest chart draws without the worker; its CSV needs it, and the failure shows next to the chart.
      const forest = page.locator('[data-chart=forest]');
      await forest.locator('svg').first().waitFor();
      await forest.locator('.downloads button').filter({ hasText: 'CSV' }).click();
      await forest.locator('.error-box[role=alert]').waitFor();
      expect(await forest.locator('.error-box[role=alert]').textContent()).toBe(failed);
      await page.close();
    }
  });
});
