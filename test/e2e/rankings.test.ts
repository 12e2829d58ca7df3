import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDate, formatPoints } from '../../src/i18n/format.ts';
import { t } from '../../src/i18n/index.ts';
import type { RankResult } from '../../src/rank/schema.ts';
import { isLocal, OUT_DIR, watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();

const rankCli = async (args: string[]) => (await s.app.cli(['rank', ...args])) as unknown as RankResult;

async function open(page: Page, path: string) {
  await page.goto(new URL(path, s.app.server.url).toString());
  await page.locator('[data-chart=rank-bars] svg').first().waitFor();
  await page.locator('[data-chart=mall-categories] svg').first().waitFor();
  await page.locator('[data-chart=mall-monthly] svg').first().waitFor();
}

/** The leaderboard as the page shows it: one [rank, account, issued] per row. */
const tableRows = (page: Page) =>
  page
    .locator('[data-testid=rank-table] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent ?? '')),
    );

describe('the Rankings page on the sample ledger (headless Chromium)', () => {
  it('loads in both languages with no console errors and no outside requests, the tie rule stated; screenshots', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const context = await s.browser.newContext({ locale: lang, viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const w = watch(page);
      await open(page, '/rankings');
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('.error-box').count()).toBe(0);
      expect(await page.locator('h1').textContent()).toBe(
        lang === 'en' ? 'Rankings and points mall' : '排行榜与积分商城',
      );
      expect(await page.getByTestId('tie-rule').textContent()).toContain(
        lang === 'en' ? 'competition ranking' : '竞争排名',
      );
      await page.screenshot({ path: join(OUT_DIR, `rankings-${lang}.png`), fullPage: true });
      // Grouped by department, weekly: a second view of the same page.
      await page.getByTestId('rank-by').selectOption('department');
      await page.getByTestId('rank-period').selectOption('week');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=rank-table] thead th').length === 8);
      await page.screenshot({ path: join(OUT_DIR, `rankings-week-department-${lang}.png`), fullPage: false });
      expect(w.errors).toEqual([]);
      expect(w.requests.filter((u) => !isLocal(u))).toEqual([]);
      await context.close();
    }
  });

  it('shows the leaderboard and concentration of `ledger-lens rank --period month --json` for the same period', async () => {
    const page = await s.browser.newPage({ locale: 'en' });
    await open(page, '/rankings?period=month&lang=en');
    // The page's default month is the CLI's default (the latest complete month); name it explicitly anyway.
    const at = await page.getByTestId('rank-at').inputValue();
    const cli = await rankCli(['--period', 'month', '--at', at]);
    const dflt = await rankCli(['--period', 'month']);
    expect(at).toBe(dflt.period.from);
    expect(cli.rows.length).toBeGreaterThanOrEqual(10);
    expect(await tableRows(page)).toEqual(
      cli.rows.map((r) => [String(r.rank), r.account_id, formatPoints('en', r.issued)]),
    );
    expect(Number(await page.locator('[data-kpi=top10_share]').getAttribute('data-raw'))).toBe(
      cli.concentration.top10_share,
    );
    expect(Number(await page.locator('[data-kpi=top10_overlap_previous]').getAttribute('data-raw'))).toBe(
      cli.concentration.top10_overlap_previous,
    );

    // Another month from the picker: still the CLI's numbers.
    const other = await page.getByTestId('rank-at').locator('option').nth(3).getAttribute('value');
    await page.getByTestId('rank-at').selectOption(other!);
    await page
      .getByTestId('rank-span')
      .filter({ hasText: formatDate('en', other!) })
      .waitFor();
    const cli2 = await rankCli(['--period', 'month', '--at', other!]);
    expect(await tableRows(page)).toEqual(
      cli2.rows.map((r) => [String(r.rank), r.account_id, formatPoints('en', r.issued)]),
    );
    await page.close();
  });

  it('downloads the leaderboard as XLSX with Chinese headers and numbers as numbers', async () => {
    const page = await s.browser.newPage({ locale: 'zh-CN' });
    await open(page, '/rankings?period=month');
    const at = await page.getByTestId('rank-at').inputValue();
    const cli = await rankCli(['--period', 'month', '--at', at]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-xlsx=rankings]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('rankings-zh-CN.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('排行榜');
    expect(ws.getRow(1).values).toEqual([undefined, '排名', '账户', '发放积分', '占发放比例', '上期排名', '名次变化']);
    expect(ws.rowCount).toBe(cli.rows.length + 1);
    cli.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.rank);
      expect(row.getCell(2).value).toBe(r.account_id);
      expect(row.getCell(3).value).toBe(r.issued);
      expect(row.getCell(4).value).toBe(r.share);
      expect(row.getCell(5).value).toBe(r.previous_rank);
    });
    // A chart's data downloads the same way: the monthly mall series, months as real dates.
    const [monthly] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-chart=mall-monthly] button[data-xlsx]').click(),
    ]);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(readFileSync((await monthly.path())!) as unknown as ArrayBuffer);
    expect(wb2.worksheets[0].getCell('A2').value).toBeInstanceOf(Date);
    expect(typeof wb2.worksheets[0].getCell('F2').value).toBe('number');
    await page.close();
  });

  it('downloads the tables of the other pages as XLSX: Fairness groups and the Data page import history', async () => {
    const page = await s.browser.newPage({ locale: 'zh-CN' });
    const book = async (button: string) => {
      const [d] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`button[data-xlsx=${button}]`).click(),
      ]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await d.path())!) as unknown as ArrayBuffer);
      return { name: d.suggestedFilename(), ws: wb.worksheets[0] };
    };
    await page.goto(new URL('/fairness?quarter=2026Q2&by=department', s.app.server.url).toString());
    await page.getByTestId('group-table').waitFor();
    const groups = await book('groups');
    const cli = await s.app.cli(['report', '--quarter', '2026Q2', '--by', 'department']);
    expect(groups.name).toBe('groups-zh-CN.xlsx');
    expect(groups.ws.getRow(1).values).toEqual([
      undefined,
      ...(
        [
          'group.col.group',
          'group.col.n',
          'group.col.mean',
          'group.col.disparity',
          'group.col.gini',
          'group.col.note',
        ] as const
      ).map((k) => t('zh-CN', k)),
    ]);
    expect(groups.ws.rowCount).toBe(cli.by!.groups.length + 1);
    const first = cli.by!.groups[0];
    expect(groups.ws.getCell('A2').value).toBe(first.value);
    expect(groups.ws.getCell('B2').value).toBe(first.n);
    expect(groups.ws.getCell('C2').value).toBe(first.mean_issued);

    await page.goto(new URL('/data', s.app.server.url).toString());
    await page.locator('[data-testid=imports] tbody tr').first().waitFor();
    const imports = await book('imports');
    const shown = await page.locator('[data-testid=imports] tbody tr').count();
    expect(imports.ws.rowCount).toBe(shown + 1);
    // rows read, accepted, quarantined, duplicates are numbers that reconcile, as the page says.
    const [read, accepted, quarantined, duplicates] = [5, 6, 7, 8].map(
      (c) => imports.ws.getRow(2).getCell(c).value as number,
    );
    expect(typeof read).toBe('number');
    expect(read).toBe(accepted + quarantined + duplicates);
    await page.close();
  });
});
