import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/audit/schema.ts';
import { OUT_DIR, watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const Q1 = ['--from', '2026-01-01', '--to', '2026-04-01'];

const get = (path: string) => fetch(new URL(path, s.app.server.url));
// Wall times differ between runs; everything else must be identical.
const withoutTimes = (r: AuditResult) => ({
  ...r,
  checks: r.checks.map(({ seconds: _s, ...c }) => c),
  flags: (r.flags as (AuditResult['flags'][number] & { department?: unknown })[]).map(({ department: _d, ...f }) => f),
});

describe('audit API', () => {
  it('answers the flags of `ledger-lens audit --json` for the same period, each with its department', async () => {
    const api = (await (await get('/api/audit?quarter=2026Q1')).json()) as Omit<AuditResult, 'flags'> & {
      flags: (AuditResult['flags'][number] & { department: string | null })[];
    };
    const cli = await s.app.cli<AuditResult>(['audit', ...Q1]);
    expect(withoutTimes(api as AuditResult)).toEqual(withoutTimes(cli));
    expect(api.flags.length).toBeGreaterThan(0);
    expect(api.flags.every((f) => f.department === null || typeof f.department === 'string')).toBe(true);
    // the ring planted in 2026-02-26 … 2026-04-16 (labels.json) is among them
    expect(api.flags.some((f) => f.check === 'ring' && f.accounts.length === 4)).toBe(true);
  });

  it('exports the flags and a reproducible audit sample as CSV for Excel', async () => {
    const flags = Buffer.from(await (await get('/api/audit/flags.csv?quarter=2026Q1')).arrayBuffer());
    expect([...flags.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const cli = await s.app.cli<AuditResult>(['audit', ...Q1]);
    expect(flags.subarray(3).toString('utf8').trim().split('\r\n')).toHaveLength(cli.flags.length + 1);
    const a = await (await get('/api/audit/sample?quarter=2026Q1&rate=0.05&seed=7&format=csv')).text();
    const b = await (await get('/api/audit/sample?quarter=2026Q1&rate=0.05&seed=7&format=csv')).text();
    expect(a).toBe(b);
    const sample = await s.app.cli<{ rows: { event_id: string }[] }>([
      'audit-sample',
      ...Q1,
      '--rate',
      '0.05',
      '--seed',
      '7',
    ]);
    const ids = a
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(ids).toEqual(sample.rows.map((r) => r.event_id));
  });

  it('answers 400 naming the parameter for bad input', async () => {
    for (const [path, message] of [
      ['/api/audit?quarter=2026Q9', /^quarter: /],
      ['/api/audit/timeline?account_id=U1&from=2026-01-01', /^to: /],
      ['/api/audit/graph?accounts=U1&from=2026-01-01&to=2026-02-01', /^accounts: needs two accounts/],
      ['/api/audit/benford?quarter=2026Q1&field=points', /^field: /],
      ['/api/audit/sample?rate=2', /^rate: /],
      ['/api/audit/sample?seed=1.5', /^seed: /],
    ] as const) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message, path).toMatch(message);
    }
  });
});

describe('audit page (headless Chromium)', () => {
  it('lists, filters and sorts the flags, and opens an account spike with its timeline and evidence', async () => {
    const cli = await s.app.cli<AuditResult>(['audit', ...Q1]);
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    const w = watch(page);
    await page.goto(new URL('/audit?quarter=2026Q1&lang=en', s.app.server.url).toString());
    const rows = page.locator('[data-testid=flags] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(cli.flags.length);
    // The program chart draws the same marks as Health's daily chart; its legend names each of them.
    const legend = page.locator('[data-chart=audit-program] .legend');
    await legend.waitFor();
    for (const key of ['Spike day', 'Rule spike', 'Far below the band', 'Rule drop', 'Campaign']) {
      expect(await legend.textContent()).toContain(key);
    }
    await page.getByTestId('audit-check').selectOption('account_spike');
    expect(await rows.count()).toBe(cli.flags.filter((f) => f.check === 'account_spike').length);
    await page.getByTestId('audit-check').selectOption('');
    await page.getByRole('button', { name: 'Sort by Score' }).click();
    // The cell says what the score is (z = …, p = …); its raw number is what the sort orders.
    const scores = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('td[data-col=score]')!.getAttribute('data-score')),
    );
    const numeric = scores.filter((s) => s !== '').map(Number);
    expect(numeric).toEqual([...numeric].sort((a, b) => b - a));

    const spike = cli.flags.find((f) => f.check === 'account_spike')!;
    await page.locator(`[data-testid=flags] tr[data-check=account_spike] button.link`).first().click();
    await page.getByTestId('flag-detail').waitFor();
    expect(page.url()).toContain('flag=account_spike');
    await page.locator('[data-chart=flag-timeline] svg').first().waitFor();
    await page.locator('[data-testid=evidence] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=evidence] tbody tr').count()).toBe(Math.min(spike.event_ids.length, 200));
    await page.screenshot({ path: join(OUT_DIR, 'dashboard-audit-spike-en.png'), fullPage: true });
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('draws a ring as a graph, in Chinese with the explanation translated', async () => {
    const page = await s.browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    const w = watch(page);
    await page.goto(new URL('/audit?quarter=2026Q1', s.app.server.url).toString());
    await page.locator('[data-testid=flags] tr[data-check=ring] button.link').first().click();
    await page.locator('[data-chart=flag-graph] svg').first().waitFor();
    expect(await page.locator('[data-testid=flag-detail] p.explanation').textContent()).toMatch(
      /^4 个账户循环转赠积分/,
    );
    expect(await page.locator('[data-chart=flag-graph] svg g[aria-label=arrow] path').count()).toBeGreaterThanOrEqual(
      4,
    );
    await page.screenshot({ path: join(OUT_DIR, 'dashboard-audit-ring-zh-CN.png'), fullPage: true });
    expect(w.errors).toEqual([]);
    await page.close();
  });
});
