import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS, WORKER_CSP } from '../../src/server/security.ts';
import { watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const CONFIG = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));
let vite: ViteDevServer;
let base: string;

beforeAll(async () => {
  // The project's own config, on a free port, proxying the API to this test's sample server.
  vite = await createServer({
    configFile: CONFIG,
    logLevel: 'silent',
    server: {
      port: 0,
      strictPort: false,
      host: '127.0.0.1',
      proxy: { '/api': s.app.server.url, '/report.html': s.app.server.url },
    },
  });
  await vite.listen();
  base = vite.resolvedUrls!.local[0];
});
afterAll(async () => {
  await vite?.close();
});

describe('`npm run dev` under the policies the server sends (Vite dev server, headless Chromium)', () => {
  it('sends the page policy with the page and the worker policy with the worker, and the worker runs', async () => {
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    const w = watch(page);
    const policies = new Map<string, string | undefined>();
    page.on('response', (r) => policies.set(new URL(r.url()).pathname, r.headers()['content-security-policy']));
    await page.goto(new URL('/experiments?rule=R02&lang=en', base).toString());
    const chart = page.locator('[data-chart=arm-distribution]');
    await chart.locator('svg').first().waitFor({ timeout: 90_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.locator('.downloads button').filter({ hasText: 'CSV' }).click(),
    ]);
    const frozen = fileURLToPath(new URL('../fixtures/downloads/arm-distribution-en.csv', import.meta.url));
    expect(readFileSync((await download.path())!).equals(readFileSync(frozen))).toBe(true);
    expect(policies.get('/experiments')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    const workers = [...policies.keys()].filter((p) => p.endsWith('/src/reshape/reshape-worker.ts'));
    expect(workers).toHaveLength(1);
    expect(policies.get(workers[0])).toBe(WORKER_CSP);
    // Nothing the page or the dev server's client does is refused by the policy.
    expect(w.errors).toEqual([]);
    await page.close();
  });
});
