import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { kpiCards } from '../../src/cards/kpi.ts';
import type { Report } from '../../src/report/schema.ts';
import { isLocal, OUT_DIR, watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();

/** Charts each page draws once its data is in; a page counts as loaded when all of them have an SVG. */
const CHARTS: Record<string, string[]> = {
  health: ['monthly-flows', 'outstanding', 'daily-issued', 'departments', 'tier-mix', 'rule-usage', 'cohorts'],
  fairness: ['lorenz', 'gini-trend', 'group-means', 'disparity', 'theil'],
  data: [],
};

async function open(page: Page, path: string) {
  await page.goto(new URL(path, s.app.server.url).toString());
  const name = new URL(path, 'http://x').pathname.slice(1);
  for (const id of CHARTS[name] ?? []) await page.locator(`[data-chart=${id}] svg`).first().waitFor();
  if (name === 'health') await page.locator('[data-kpi=issued]').waitFor();
  // The Gini's interval comes in its own request after the numbers: the page is whole once it is in.
  if (name === 'health' || name === 'fairness')
    await page.locator('.gini-interval:not([data-interval=computing])').first().waitFor();
  if (name === 'data') await page.locator('[data-testid=imports] tbody tr').first().waitFor();
}

const raw = async (page: Page, key: string) => {
  const v = await page.locator(`[data-kpi=${key}]`).getAttribute('data-raw');
  return v === '' ? null : Number(v);
};

describe('the dashboard on the sample ledger (headless Chromium)', () => {
  it('loads every page in both languages with no console errors and no outside requests; screenshots', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const context = await s.browser.newContext({ locale: lang, viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const w = watch(page);
      for (const name of ['health', 'fairness', 'data']) {
        await open(page, `/${name}`); // no ?lang=: the browser's language decides
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.locator('.error-box').count(), `${name} ${lang}`).toBe(0);
        await page.screenshot({ path: join(OUT_DIR, `dashboard-${name}-${lang}.png`), fullPage: true });
      }
      expect(w.errors).toEqual([]);
      expect(w.requests.filter((u) => !isLocal(u))).toEqual([]);
      await context.close();
    }
  });

  it('shows on the Health page the numbers of `ledger-lens report --json` for the same quarter', async () => {
    const cli = await s.app.cli(['report', '--quarter', '2026Q2']);
    const page = await s.browser.newPage({ locale: 'en' });
    await open(page, '/health?quarter=2026Q2&lang=en');
    const cards = kpiCards('en', cli);
    expect(cards).toHaveLength(11);
    for (const c of cards) {
      expect(await raw(page, c.key), c.key).toBe(cli[c.key as keyof Report] as number | null);
      expect(await page.locator(`[data-kpi=${c.key}] .kpi-value`).textContent(), c.key).toBe(
        `${c.value}${c.unit ? ` ${c.unit}` : ''}`,
      );
    }
    expect(await page.getByTestId('period').textContent()).toBe(
      'Apr 1, 2026 – Jun 30, 2026, compared with Jan 1, 2026 – Mar 31, 2026',
    );
    await page.close();
  });

  it('shows the numbers first, "computing interval" meanwhile, then the Gini interval of `report --json`, in both languages', async () => {
    const cli = await s.app.cli(['report', '--quarter', '2026Q1']);
    expect(cli.gini_ci).not.toBeNull();
    for (const [lang, computing, done] of [
      ['en', 'computing interval', `interval ${cli.gini_ci![0]!.toFixed(3)} – ${cli.gini_ci![1]!.toFixed(3)}`],
      ['zh-CN', '正在计算置信区间', `置信区间 ${cli.gini_ci![0]!.toFixed(3)} – ${cli.gini_ci![1]!.toFixed(3)}`],
    ] as const) {
      const page = await s.browser.newPage({ locale: lang });
      // Hold the interval's request back until the numbers are on screen, so the waiting state is observed.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/report/intervals**', async (route) => {
        await held;
        await route.continue();
      });
      // Not open(): it waits for the interval, which is held back here.
      await page.goto(new URL(`/health?quarter=2026Q1&lang=${lang}`, s.app.server.url).toString());
      await page.locator('[data-kpi=issued]').waitFor();
      const interval = page.locator('[data-page=health] .gini-interval');
      await interval.and(page.locator('[data-interval=computing]')).waitFor();
      expect(await interval.textContent()).toContain(computing);
      expect(await raw(page, 'issued')).toBe(cli.issued);
      release();
      await interval.and(page.locator('[data-interval=done]')).waitFor();
      expect(await interval.textContent()).toContain(done);
      await page.close();
    }
  });

  it('Fairness: the Gini first, "computing interval" meanwhile, then its own interval request gives `report --json`s', async () => {
    const cli = await s.app.cli(['report', '--quarter', '2026Q1']);
    const page = await s.browser.newPage({ locale: 'en' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/fairness/intervals**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(new URL('/fairness?quarter=2026Q1&lang=en', s.app.server.url).toString());
    const interval = page.locator('[data-page=fairness] .gini-interval');
    await interval.and(page.locator('[data-interval=computing]')).waitFor();
    expect(await interval.textContent()).toContain(`Gini ${cli.gini!.toFixed(3)}`);
    expect(await interval.textContent()).toContain('computing interval');
    release();
    await interval.and(page.locator('[data-interval=done]')).waitFor();
    expect(await interval.textContent()).toContain(
      `interval ${cli.gini_ci![0]!.toFixed(3)} – ${cli.gini_ci![1]!.toFixed(3)}`,
    );
    await page.close();
  });

  it('switches the labels to Chinese and back', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    await open(page, '/health?quarter=2026Q2');
    expect(await page.locator('h1').textContent()).toBe('Program health');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '积分制度健康度' }).waitFor();
    expect(await page.locator('[data-kpi=issued] .kpi-label').textContent()).toBe('发放积分');
    expect(page.url()).toContain('lang=zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Program health' }).waitFor();
    expect(await page.locator('[data-kpi=issued] .kpi-label').textContent()).toBe('Points issued');
    await page.close();
  });

  it('filters the page by a clicked department, and the chip removes the filter', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    await open(page, '/health?quarter=2026Q2&lang=en');
    const all = await raw(page, 'issued');
    // The bars are sorted by points issued: the first is the largest department.
    const byDept = await s.app.cli(['report', '--quarter', '2026Q2', '--by', 'department']);
    const top = [...byDept.by!.groups].sort((a, b) => (b.total_issued ?? 0) - (a.total_issued ?? 0))[0];
    await page.locator('[data-chart=departments] svg g[aria-label=bar] rect').first().click();
    await page.getByTestId('chip').waitFor();
    expect(await page.getByTestId('chip').textContent()).toContain(`Department: ${top.value}`);
    expect(decodeURIComponent(page.url())).toContain(`filter=department=${top.value}`);
    await page.waitForFunction(
      (v) => document.querySelector('[data-kpi=issued]')?.getAttribute('data-raw') !== v,
      String(all),
    );
    const filtered = await s.app.cli(['report', '--quarter', '2026Q2', '--filter', `department=${top.value}`]);
    expect(await raw(page, 'issued')).toBe(filtered.issued);
    expect(filtered.issued).toBe(top.total_issued);
    await page.screenshot({ path: join(OUT_DIR, 'dashboard-health-filtered-en.png'), fullPage: false });

    await page.getByRole('button', { name: /^Remove filter/ }).click();
    await page.waitForFunction(
      (v) => document.querySelector('[data-kpi=issued]')?.getAttribute('data-raw') === v,
      String(all),
    );
    expect(await page.getByTestId('chip').count()).toBe(0);
    expect(page.url()).not.toContain('filter=');
    await page.close();
  });

  it('drills into a month clicked on the monthly chart, and Back undoes it', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    await open(page, '/health?quarter=2026Q2&lang=en');
    // The issued series' last dot is the last month drawn: June 2026, the quarter's end.
    await page.locator('[data-chart=monthly-flows] svg g[aria-label=dot]').first().locator('circle').last().click();
    await page.getByTestId('chip').waitFor();
    expect(await page.getByTestId('chip').textContent()).toContain('Month: Jun 2026');
    expect(page.url()).toContain('month=2026-06');
    await page.getByTestId('period').filter({ hasText: 'Jun 1, 2026 – Jun 30, 2026' }).waitFor();
    const june = await s.app.cli(['report', '--from', '2026-06-01', '--to', '2026-07-01']);
    await page.waitForFunction(
      (v) => document.querySelector('[data-kpi=issued]')?.getAttribute('data-raw') === v,
      String(june.issued),
    );
    await page.goBack();
    await page.getByTestId('period').filter({ hasText: 'Apr 1, 2026 – Jun 30, 2026' }).waitFor();
    expect(await page.getByTestId('chip').count()).toBe(0);
    await page.close();
  });

  it('shows a failing part’s own error in its place while the rest of the page still draws', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    // One part's answer fails (an error injected in the browser, the server is untouched); the others still draw.
    await page.route('**/api/cohorts*', (r) =>
      r.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: { message: 'cohorts: this part failed' } }),
      }),
    );
    await page.goto(new URL('/health?quarter=2026Q2&lang=en', s.app.server.url).toString());
    await page.locator('[data-chart=departments] svg').first().waitFor();
    const errors = page.locator('.error-box');
    await errors.first().waitFor();
    expect(await errors.count()).toBe(1);
    expect(await errors.first().textContent()).toContain('cohorts: this part failed');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await page.close();
  });

  it('asks for the daily chart and the cohorts once the report has answered: the numbers first', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    const events: string[] = [];
    const path = (url: string) => new URL(url).pathname;
    page.on('request', (r) => {
      if (['/api/daily', '/api/cohorts'].includes(path(r.url()))) events.push(`asked ${path(r.url())}`);
    });
    page.on('response', (r) => {
      if (path(r.url()) === '/api/report') events.push('report answered');
    });
    await open(page, '/health?quarter=2026Q1&lang=en&filter=region%3D华东');
    const first = events.indexOf('report answered');
    expect(first, events.join(', ')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('asked /api/daily'), events.join(', ')).toBeGreaterThan(first);
    expect(events.indexOf('asked /api/cohorts'), events.join(', ')).toBeGreaterThan(first);
    await page.close();
  });

  it('downloads a chart as SVG and PNG, and its data as CSV with a BOM', async () => {
    const page = await s.browser.newPage({ locale: 'zh-CN' });
    await open(page, '/health?quarter=2026Q2');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-chart=departments] button').filter({ hasText: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('departments-zh-CN.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('部门,人数,发放');
    expect(lines.length).toBe(13); // header + 12 departments of the sample
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-chart=departments] button').filter({ hasText: 'SVG' }).click(),
    ]);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svgText).toContain('研发部');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-chart=departments] button').filter({ hasText: 'PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('departments-zh-CN.png');
    expect([...readFileSync((await png.path())!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // PNG signature
    await page.close();
  });

  it('imports a ledger through the Data page: check, mapping shown, then commit', async () => {
    const page = await s.browser.newPage({ locale: 'zh-CN' });
    await open(page, '/data');
    const before = await page.locator('[data-testid=imports] tbody tr').count();
    const csv =
      '流水号,发生时间,员工编号,积分,类型\nW-1,2026-09-30 10:00:00,U0001,10,earn\nW-2,2026-09-30 10:00:00,U0002,ten,earn\n';
    await page
      .getByTestId('upload')
      .setInputFiles({ name: '导出.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('check').waitFor();
    const check = await page.getByTestId('check').textContent();
    expect(check).toContain('共读取 2 行：1 行将被接受，1 行隔离，0 行重复。');
    expect(check).toContain('员工编号');
    await page.screenshot({ path: join(OUT_DIR, 'dashboard-data-check-zh-CN.png'), fullPage: true });
    await page.getByRole('button', { name: '导入这些行' }).click();
    await page.getByText(/已作为第 \d+ 次导入：接受 1 行，隔离 1 行，重复 0 行。/).waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=imports] tbody tr').length === n,
      before + 1,
    );
    await page.close();
  });
});
