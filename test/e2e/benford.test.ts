import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { startLoopbackServer } from '../../src/server/loopback.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { createRng } from '../../src/stats/prng.ts';
import { launch, OUT_DIR, watch } from './chromium.ts';

/**
 * The sample ledger has too few manual adjustments for Benford's test (the page says so). Here a ledger of 1,200
 * adjustments whose amounts are log-uniform over 10 … 100,000 — which follows Benford's law — gets the chart drawn.
 */
let dir: string;
let db: Database;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'll-benford-'));
  const rng = createRng(11);
  const lines = ['event_id,occurred_at,account_id,points,event_type,approver_id,department'];
  for (let i = 0; i < 1200; i++) {
    const amount = Math.round(10 ** (1 + 4 * rng()) * 100) / 100;
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`A${i},2026-02-${day} 10:00:00,U${i % 40},${amount},adjust,M${i % 3},Ops`);
  }
  writeFileSync(join(dir, 'adjustments.csv'), `${lines.join('\n')}\n`);
  db = await Database.open(join(dir, 'db.duckdb'), { threads: 2 });
  await importLedger(db, { file: join(dir, 'adjustments.csv') });
  [server, browser] = await Promise.all([startLoopbackServer(db), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Benford chart on the audit page', () => {
  it('draws observed against expected first digits with the MAD verdict', async () => {
    const api = (await (await fetch(new URL('/api/audit/benford?quarter=2026Q1&field=adjust', server.url))).json()) as {
      first: { n: number; mad: number; skipped: string | null };
    };
    expect(api.first.skipped).toBeNull();
    expect(api.first.n).toBe(1200);
    expect(api.first.mad).toBeLessThan(0.012); // Benford-distributed amounts conform (acceptable or better)
    const page = await browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    const w = watch(page);
    await page.goto(new URL('/audit?quarter=2026Q1&lang=en', server.url).toString());
    await page.locator('[data-chart=benford] svg').first().waitFor();
    expect(await page.locator('[data-chart=benford] svg g[aria-label=bar] rect').count()).toBe(9);
    const caption = await page.locator('[data-chart=benford] .caption').textContent();
    expect(caption).toContain(`n = ${(1200).toLocaleString('en')}`);
    expect(caption).toMatch(/^MAD 0\.\d+: (close|acceptable)/);
    await page.locator('[data-chart=benford]').screenshot({ path: join(OUT_DIR, 'dashboard-benford-en.png') });
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('downloads the chart’s CSV byte for byte as frozen before its reshaping moved into the worker', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await browser.newPage({ locale: lang });
      await page.goto(new URL(`/audit?quarter=2026Q1&lang=${lang}`, server.url).toString());
      const chart = page.locator('[data-chart=benford]');
      await chart.locator('svg').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        chart.locator('.downloads button').filter({ hasText: 'CSV' }).click(),
      ]);
      const got = readFileSync((await download.path())!);
      const frozen = fileURLToPath(new URL(`../fixtures/downloads/benford-${lang}.csv`, import.meta.url));
      if (process.env.LEDGER_LENS_FREEZE_DOWNLOADS === '1') writeFileSync(frozen, got);
      expect(got.equals(readFileSync(frozen)), lang).toBe(true);
      await page.close();
    }
  });
});
