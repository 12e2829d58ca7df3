import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { fixtureDb } from '../server/fixture-db.ts';
import { isLocal, launch, OUT_DIR, watch } from './chromium.ts';
import { spawnServe } from './serve-process.ts';
import { sqlRows } from '../../src/db/sql.ts';

const TOKEN = 'e2e-token-abcdefghijklmnop';

let fixture: Awaited<ReturnType<typeof fixtureDb>>;
let browser: Browser;

beforeAll(async () => {
  fixture = await fixtureDb();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  fixture?.cleanup();
});

describe('ledger-lens serve (the real process)', () => {
  it('refuses a network-facing host without a token: exit 2, saying why, before listening', async () => {
    const p = spawnServe(['--host', '0.0.0.0', '--port', '0', '--db', fixture.path]);
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toMatch(/--host 0\.0\.0\.0: refusing to start/);
    expect(p.stderr()).toMatch(/LEDGER_LENS_TOKEN/);
    expect(p.stdout()).not.toMatch(/running at/);
  });

  it('stops at once on SIGTERM even while it is still computing the default view (prewarm)', async () => {
    const p = spawnServe(['--port', '0', '--db', fixture.path]);
    // The prewarm starts before the server listens, so it has started when the URL line comes; the signal is sent
    // the instant that line is read, which is when the handler used to be missing (a default kill, exit null).
    await p.url;
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.child.signalCode).toBeNull();
    // The orderly path ran (not a kill): the handler logged, and the cancelled prewarm was not reported as a failure.
    expect(p.stderr()).toMatch(/SIGTERM: stopping/);
    expect(p.stderr()).not.toMatch(/warming the default view failed/);
  });

  it('takes the token from LEDGER_LENS_TOKEN as from --token', async () => {
    const p = spawnServe(['--port', '0', '--db', fixture.path], { LEDGER_LENS_TOKEN: TOKEN });
    const url = await p.url;
    expect((await fetch(new URL('/api/health', url))).status).toBe(401);
    expect((await fetch(new URL('/api/health', url), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      200,
    );
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('serves the page and the report in both languages, then closes the database on SIGTERM', async () => {
    const p = spawnServe(['--port', '0', '--db', fixture.path, '--token', TOKEN]);
    const url = await p.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(p.stdout()).toBe(`Ledger Lens is running at ${url}\n`);
    expect((await fetch(new URL('/api/meta', url))).status).toBe(401);

    // The browser's language picks the page language (Accept-Language).
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const w = watch(page);
    await page.goto(`${url}data?token=${TOKEN}`);
    await page.getByRole('heading', { name: '导入历史' }).waitFor();
    await page.locator('[data-testid=imports] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=imports] tbody tr').count()).toBe(2);
    // rows read 37 = accepted 35 + quarantined 2 + duplicates 0; 7 = 2 + 0 + 5 (fixture-db.ts)
    expect(await page.locator('[data-testid=imports] td.ok').count()).toBe(2);
    await page.screenshot({ path: join(OUT_DIR, 'serve-data-zh-CN.png'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Import history' }).waitFor();
    // The token was traded for an HttpOnly cookie at the first visit: it is in no URL, link or history entry.
    expect(page.url()).not.toContain('token=');
    expect((await context.cookies()).find((c) => c.name === 'll_token')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });

    // The printable report link carries period and language; the cookie carries the token.
    await page.getByRole('link', { name: 'Health' }).click();
    const href = await page.getByRole('link', { name: 'Printable report' }).getAttribute('href');
    // Leaving with the charts' requests in flight would abort them (and count as failed requests).
    for (const id of ['monthly-flows', 'daily-issued', 'departments', 'cohorts'])
      await page.locator(`[data-chart=${id}] svg`).first().waitFor();
    expect(href).toBe('/report.html?quarter=2026Q1&lang=en');
    await page.goto(new URL(href!, url).toString());
    expect(await page.locator('h1').textContent()).toBe('Points program quarterly report · 2026 Q1');
    expect(await page.locator('svg[class^="plot-"]').count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(OUT_DIR, 'serve-report-en.png'), fullPage: true });

    expect(w.errors).toEqual([]);
    expect(w.requests.filter((u) => !isLocal(u))).toEqual([]);
    await context.close();

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toMatch(/SIGTERM: stopping/);
    // The database was closed cleanly: another process-level open (which needs its lock) succeeds.
    const db = await Database.open(fixture.path, { memoryLimit: '512MB', threads: 1 });
    try {
      const [c] = await sqlRows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM imports');
      expect(c.n).toBe(2);
    } finally {
      db.close();
    }
  });

  it('answers 400 for a bad quarter and a bad port with exit 2', async () => {
    const bad = spawnServe(['--port', 'eighty', '--db', fixture.path]);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toMatch(/--port eighty: not a port number/);

    const p = spawnServe(['--port', '0', '--db', fixture.path]);
    const url = await p.url;
    const r = await fetch(new URL('/report.html?quarter=2026Q9&lang=zh-CN', url));
    expect(r.status).toBe(400);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/^quarter: /);
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });
});
