import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedAuditSettings } from '../../src/audit/settings.ts';
import type { Database } from '../../src/db/database.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { launch, watch } from './chromium.ts';
import { type ServedSample, serveSampleWithUsers } from '../hardening/sample-users.ts';

/** Issue 13: an administrator keeps the campaign calendar on the Data page, in English and in Chinese. */
const tokens: Record<string, string> = {};
let served: ServedSample;
let db: Database;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  served = await serveSampleWithUsers(
    [
      { name: 'ada', role: 'admin' },
      { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: '研发部' } },
    ],
    tokens,
  );
  ({ db, server } = served);
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function open(user: string, lang: 'en' | 'zh-CN') {
  const context = await browser.newContext({ locale: lang, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const w = watch(page);
  await page.goto(new URL(`/data?lang=${lang}&token=${tokens[user]}`, server.url).toString());
  return { page, w, close: () => context.close() };
}

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('the campaign calendar on the Data page', () => {
  it('an administrator uploads a calendar, sees a bad line named, and deletes a campaign (English)', async () => {
    const { page, close } = await open('ada', 'en');
    const panel = page.getByTestId('campaigns');
    await panel.getByRole('heading', { name: 'Campaign calendar' }).waitFor();
    expect(await panel.textContent()).toContain('No campaigns stored.');
    const input = page.getByTestId('campaigns-upload');
    await input.setInputFiles(csv('bad.csv', 'from,to,rule,label\n2026-08-01,2026-08-40,,x\n'));
    await page.getByTestId('campaigns-error').waitFor();
    expect(await page.getByTestId('campaigns-error').textContent()).toMatch(/bad\.csv:2:12: to must be a day/);
    await input.setInputFiles(
      csv(
        'cal.csv',
        'from,to,rule,label\n2026-08-01,2026-08-03,,Double points week\n2026-09-10,2026-09-10,R01,Teachers\n',
      ),
    );
    await panel.locator('tbody tr').nth(1).waitFor();
    expect(await page.getByTestId('campaigns-error').count()).toBe(0);
    const text = (await panel.locator('tbody').textContent()) ?? '';
    expect(text).toContain('Double points week');
    expect(text).toContain('every rule');
    await panel.locator('tbody tr').first().getByRole('button', { name: 'Delete' }).click();
    await panel.locator('tbody tr', { hasText: 'Double points week' }).waitFor({ state: 'detached' });
    expect(await panel.locator('tbody tr').count()).toBe(1);
    expect((await storedAuditSettings(db)).campaigns.map((c) => c.label)).toEqual(['Teachers']);
    await close();
  });

  it('the panel in Chinese: every word translated; a manager does not get it', async () => {
    const { page, w, close } = await open('ada', 'zh-CN');
    const panel = page.getByTestId('campaigns');
    await panel.getByRole('heading', { name: '活动日历' }).waitFor();
    await page
      .getByTestId('campaigns-upload')
      .setInputFiles(csv('活动.csv', 'from,to,rule,label\n2026-10-01,2026-10-07,,国庆\n'));
    await panel.locator('tbody tr', { hasText: '国庆' }).waitFor();
    const words = (await panel.textContent()) ?? '';
    for (const zh of ['上传活动日历（CSV）', '开始', '结束（含当天）', '规则', '倍数', '所有规则', '删除'])
      expect(words).toContain(zh);
    expect(words).not.toMatch(/Campaign|Delete|every rule|From|Multiplier/);
    expect(w.errors).toEqual([]);
    await close();
    // The manager's page asks, the server refuses (403), and the panel is never drawn.
    const context = await browser.newContext({ locale: 'zh-CN' });
    const mgr = await context.newPage();
    const refused = mgr.waitForResponse((r) => new URL(r.url()).pathname === '/api/campaigns');
    await mgr.goto(new URL(`/data?lang=zh-CN&token=${tokens.mgr}`, server.url).toString());
    expect((await refused).status()).toBe(403);
    await mgr.locator('.error-box').first().waitFor(); // the import history, which is not a manager's either
    expect(await mgr.getByTestId('campaigns').count()).toBe(0);
    await context.close();
  });
});
