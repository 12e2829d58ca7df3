import { describe, expect, it } from 'vitest';
import { watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

/** Issue 17, "An auditor's case list": marks on flags and the account page, in a real Chromium on the sample. */
const s = sampleBrowserApp();

async function open(path: string, lang: 'en' | 'zh-CN', width = 1440) {
  const context = await s.browser.newContext({ locale: lang, viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const w = watch(page);
  await page.goto(new URL(path, s.app.server.url).toString());
  return { page, w, close: () => context.close() };
}

describe('the case list on the Audit page', () => {
  it('marks a flag with a note: the status column, the filter and the XLSX carry it, and it survives a reload', async () => {
    const { page, w, close } = await open('/audit?quarter=2026Q2&lang=en', 'en');
    const rows = page.locator('[data-testid=flags] tbody tr');
    await rows.first().waitFor();
    const total = await rows.count();
    expect(await page.locator('[data-testid=flags] td[data-status=none]').count()).toBe(total);
    const row = page.locator('[data-testid=flags] tr[data-check=account_spike]').first();
    await row.locator('button.link').click();
    const panel = page.getByTestId('case-panel');
    await panel.waitFor();
    expect(await page.getByTestId('case-current').textContent()).toBe('Open');
    await panel.locator('textarea').fill('Checked with HR: the receiver is the giver’s team lead');
    await panel.locator('button[data-status=escalated]').click();
    await page.locator('[data-testid=case-current][data-status=escalated]').waitFor();
    expect(await page.getByTestId('case-current').textContent()).toMatch(/^Escalated: local, .* UTC · Checked with HR/);
    expect(await page.locator('[data-testid=flags] td[data-status=escalated]').textContent()).toBe('Escalated');
    // The filter by status keeps only it; "Open" keeps the rest.
    await page.getByTestId('audit-status').selectOption('escalated');
    await page.waitForFunction(() => location.search.includes('status=escalated'));
    expect(await rows.count()).toBe(1);
    await page.getByTestId('audit-status').selectOption('none');
    await page.waitForFunction(() => location.search.includes('status=none'));
    expect(await rows.count()).toBe(total - 1);
    // Stored in the database: a reload in Chinese shows it, and the workbook's columns carry it in Chinese.
    await page.goto(new URL('/audit?quarter=2026Q2&lang=zh-CN&status=escalated', s.app.server.url).toString());
    await page.locator('[data-testid=flags] td[data-status=escalated]').waitFor();
    expect(await page.locator('[data-testid=flags] td[data-status=escalated]').textContent()).toBe('已上报');
    const posted = page.waitForRequest((r) => r.url().endsWith('/api/xlsx'));
    await page.locator('[data-xlsx=audit-flags]').click();
    const body = JSON.parse((await posted).postData() ?? '{}') as {
      sheets: { columns: { header: string }[]; rows: Record<string, unknown>[] }[];
    };
    const headers = body.sheets[0].columns.map((c) => c.header);
    expect(headers).toEqual(expect.arrayContaining(['处理状态', '备注', '处理人', '处理时间']));
    expect(body.sheets[0].rows[0]).toMatchObject({ mark_status: '已上报', mark_by: 'local' });
    expect(w.errors).toEqual([]);
    await close();
  });
});

describe('the account page', () => {
  it('opens from an account id on the Audit page with its marked flag, and shows the receiver of two thirds of a giver’s awards', async () => {
    const { page, w, close } = await open('/audit?quarter=2026Q2&lang=en', 'en');
    await page.locator('[data-testid=flags] tbody tr').first().waitFor();
    // The account of the flag the first test escalated.
    const link = page.locator('[data-testid=flags] tr[data-check=account_spike] a.account-link').first();
    const id = (await link.getAttribute('data-account'))!;
    await link.click();
    await page.waitForFunction((x) => location.pathname === `/account/${x}`, id);
    await page.getByRole('heading', { name: `Account ${id}` }).waitFor();
    await page.locator('[data-testid=account-flags] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=account-flags]').textContent()).toContain('Escalated');
    await page.locator('[data-chart=account-months] svg').first().waitFor();
    expect(await page.locator('[data-testid=account-rankings] tbody tr').count()).toBe(5);
    // A giver's page: its top receiver and that one's share, one click from the receiver's own page.
    await page.goto(new URL('/account/U0074?quarter=2026Q2&lang=en', s.app.server.url).toString());
    const out = page.locator('[data-testid=account-out] tbody tr').first();
    await out.waitFor();
    expect(await out.textContent()).toMatch(/^U0621Approved awards.*67\.6 ?%$/);
    await out.locator('a.account-link').click();
    await page.getByRole('heading', { name: 'Account U0621' }).waitFor();
    await page.locator('[data-testid=account-in] a.account-link[data-account=U0074]').waitFor();
    // Back returns to the giver.
    await page.goBack();
    await page.getByRole('heading', { name: 'Account U0074' }).waitFor();
    expect(w.errors).toEqual([]);
    await close();
  });

  it('is a deep link in Chinese, fits a 360 px phone, and the Rankings page links to it', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, w, close } = await open(`/account/U0074?quarter=2026Q2&lang=${lang}`, lang, 360);
      await page.locator('[data-testid=account-out] tbody tr').first().waitFor();
      await page.locator('[data-chart=account-months] svg').first().waitFor();
      if (lang === 'zh-CN') {
        await page.getByRole('heading', { name: '账户 U0074' }).waitFor();
        expect(await page.locator('[data-testid=account-out] tbody tr').first().textContent()).toContain('审批奖励');
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(w.errors).toEqual([]);
      await close();
    }
    const { page, close } = await open('/rankings?lang=en', 'en');
    const link = page.locator('[data-testid=rank-table] a.account-link').first();
    await link.waitFor();
    const id = await link.getAttribute('data-account');
    await link.click();
    await page.getByRole('heading', { name: `Account ${id}` }).waitFor();
    expect(await page.locator('[data-testid=account-rankings]').textContent()).toMatch(/\d+ \/ \d+/);
    await close();
  });
});
