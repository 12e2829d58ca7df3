import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../../src/demo/database.ts';
import { buildNotebooks } from '../../src/notebooks/build.ts';
import { serveStatic } from '../../src/notebooks/static-server.ts';
import type { Report } from '../../src/report/schema.ts';
import { cli } from '../cli-run.ts';
import { isLocal, launch, OUT_DIR, watch } from './chromium.ts';

/**
 * `npm run notebooks` end to end: the notebooks built against a temp import of the sample, served on loopback and
 * opened in headless Chromium. Nothing may fail or leave the machine, and the fairness notebook's Gini must be the
 * report's.
 */
describe('notebooks', () => {
  let dir: string;
  let dbPath: string;
  let pages: string[] = [];
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-notebooks-'));
    dbPath = join(dir, 'sample.duckdb');
    await ensureSampleDb(dbPath, sampleFiles(SAMPLE_DIR), { log: () => {} });
    const built = await buildNotebooks(join(dir, 'out'), {
      db: dbPath,
      assignments: join(SAMPLE_DIR, 'assignments.csv'),
    });
    pages = built.pages;
    [site, browser] = await Promise.all([serveStatic(built.out), launch()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the three notebooks and an index', () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'health.html', 'fairness.html', 'experiment.html']));
  });

  /** Opens a page, waits until every cell has run, screenshots it and returns what it logged and fetched. */
  async function open(page: string) {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const w = watch(tab);
    await tab.goto(`${site.url}${page}`, { waitUntil: 'networkidle' });
    // Cells run after load; a cell that threw renders an inspector error instead of its output.
    await tab.waitForFunction(
      () => document.querySelectorAll('.observablehq--running, .observablehq--pending').length === 0,
    );
    const cellErrors = await tab.$$eval('.observablehq--error', (els) => els.map((e) => e.textContent ?? ''));
    await tab.screenshot({ path: join(OUT_DIR, `notebook-${page.replace('.html', '')}.png`), fullPage: true });
    return { tab, w, cellErrors };
  }

  it.each(['index.html', 'health.html', 'fairness.html', 'experiment.html'])(
    '%s renders offline without errors',
    async (page) => {
      const { tab, w, cellErrors } = await open(page);
      expect(w.errors).toEqual([]);
      expect(cellErrors).toEqual([]);
      expect(w.requests.filter((u) => !isLocal(u))).toEqual([]);
      // Something was drawn (index has links instead of charts).
      const count = await tab.locator(page === 'index.html' ? 'main a' : 'main svg').count();
      expect(count).toBeGreaterThan(0);
      await tab.close();
    },
  );

  it('prints the Gini that `ledger-lens report --json` gives for the same quarter', async () => {
    const { tab } = await open('fairness.html');
    const quarter = (await tab.locator('#quarter').textContent())!.trim();
    const gini = tab.locator('#gini');
    const value = Number(await gini.getAttribute('data-value'));
    const shown = (await gini.textContent())!.trim();
    await tab.close();
    expect(quarter).toMatch(/^\d{4}Q[1-4]$/);
    const r = await cli(['report', '--quarter', quarter, '--db', dbPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.gini).not.toBeNull();
    // Both come from queries/distribution.sql over the same database and quarter: equal to the last bit.
    expect(value).toBe(report.gini);
    expect(shown).toBe(report.gini!.toFixed(3));
  });

  it('shows Chinese group names from the roster', async () => {
    const { tab } = await open('fairness.html');
    const text = await tab.locator('main').textContent();
    await tab.close();
    // The sample roster's departments end in 部 (e.g. 财务部); the disparity tables list them.
    expect(text).toMatch(/[\u4e00-\u9fff]+部/);
  });
});
