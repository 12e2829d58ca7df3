/**
 * The README's screenshots: every dashboard page in both languages, on a desktop (1440×900) and a phone (360×780),
 * over the bundled sample ledger, into docs/<page>-<lang>.png and docs/<page>-<lang>-360.png.
 * Run: npm run screenshots [-- PAGE …] (builds the web app when stale; a temp copy of the sample database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { startLoopbackServer } from '../src/server/loopback.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../src/demo/database.ts';
import { Database } from '../src/db/database.ts';
import { ensureWebBuilt } from '../src/server/build-web.ts';
import { launch } from '../test/e2e/chromium.ts';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const SIZES = [
  { suffix: '', width: 1440, height: 900 },
  { suffix: '-360', width: 360, height: 780 },
];

/** Each page in the state a reader first sees it, its charts drawn. */
const PAGES: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
  {
    name: 'health',
    path: '/health?quarter=2026Q2',
    ready: (p) => p.locator('[data-chart=monthly-flows] svg').first().waitFor(),
  },
  {
    name: 'fairness',
    path: '/fairness?quarter=2026Q2',
    ready: (p) => p.locator('[data-chart=lorenz] svg').first().waitFor(),
  },
  {
    name: 'audit',
    path: '/audit?quarter=2026Q1',
    ready: (p) => p.locator('[data-testid=flags] tbody tr').first().waitFor(),
  },
  { name: 'experiments', path: '/experiments', ready: (p) => p.locator('[data-chart=forest] svg').first().waitFor() },
  { name: 'rankings', path: '/rankings', ready: (p) => p.locator('[data-chart=rank-bars] svg').first().waitFor() },
  { name: 'data', path: '/data', ready: (p) => p.locator('[data-testid=imports] tbody tr').first().waitFor() },
  {
    name: 'account',
    path: '/account/U0659?quarter=2026Q1',
    ready: (p) => p.locator('[data-chart=account-months] svg').first().waitFor(),
  },
];
/** `npm run screenshots -- account audit` takes only the pages named (default: every page). */
const only = process.argv.slice(2);
const chosen = only.length ? PAGES.filter((p) => only.includes(p.name)) : PAGES;

await ensureWebBuilt((line) => process.stderr.write(`${line}\n`));
const dir = mkdtempSync(join(tmpdir(), 'll-shots-'));
const path = join(dir, 'sample.duckdb');
await ensureSampleDb(path, sampleFiles(SAMPLE_DIR), { log: () => {} });
const db = await Database.open(path, { threads: 2 });
const server = await startLoopbackServer(db, {
  uploadDir: join(dir, 'uploads'),
  assignmentsFile: join(SAMPLE_DIR, 'assignments.csv'),
});
const browser = await launch();
try {
  for (const size of SIZES) {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await browser.newPage({ locale: lang, viewport: { width: size.width, height: size.height } });
      for (const p of chosen) {
        await page.goto(new URL(`${p.path}${p.path.includes('?') ? '&' : '?'}lang=${lang}`, server.url).toString());
        await p.ready(page);
        // A shot is of the page as read, not of a placeholder still waiting on a slower answer (the Gini interval).
        await page.waitForFunction(() => !document.querySelector('.loading, [data-interval=computing]'));
        await page.evaluate(() => document.fonts.ready);
        const file = join(DOCS, `${p.name}-${lang}${size.suffix}.png`);
        await page.screenshot({ path: file });
        process.stdout.write(`${file}\n`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
