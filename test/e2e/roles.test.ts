import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.ts';
import type { NewUser } from '../../src/server/users.ts';
import { launch, watch } from './chromium.ts';
import { ASSIGNMENTS } from './sample-server.ts';
import { SAMPLE_ROSTER, type ServedSample, serveSampleWithUsers } from '../hardening/sample-users.ts';

/** Issue 19: what each role sees and cannot see in the browser, in both languages. */
const USERS: NewUser[] = [
  { name: 'ada', role: 'admin' },
  { name: 'pse', role: 'auditor', pseudonymize: true },
  { name: 'vic', role: 'viewer' },
  { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: '研发部' } },
  // Allowed the program's totals by their own entry (the program's settings keep them from managers).
  { name: 'tot', role: 'manager', scope: { attribute: 'department', value: '研发部' }, programTotals: true },
  // 战略部: 22 people on the sample's roster, fewer than the default min_group_size of 30.
  { name: 'tiny', role: 'manager', scope: { attribute: 'department', value: '战略部' } },
];
const outsideScope = new Set(SAMPLE_ROSTER.filter((r) => r[4] !== '研发部').map((r) => r[0]));
const tokens: Record<string, string> = {};
let served: ServedSample;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  served = await serveSampleWithUsers(USERS, tokens, {
    pseudonymKey: 'e2e-roles-pseudonym-key-0123456789',
    assignmentsFile: ASSIGNMENTS,
  });
  server = served.server;
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** A browser of one user: the link with their token, as they would get it, traded for a cookie at once. */
async function open(user: string, path: string, locale: 'en' | 'zh-CN') {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const w = watch(page);
  await page.goto(new URL(`${path}${path.includes('?') ? '&' : '?'}token=${tokens[user]}`, server.url).toString());
  expect(page.url()).not.toContain('token=');
  return { page, w, close: () => context.close() };
}

describe('roles in the browser', () => {
  it('an administrator sees the access log on the Data page, in English and in Chinese', async () => {
    for (const [lang, heading] of [
      ['en', 'Access log'],
      ['zh-CN', '访问日志'],
    ] as const) {
      const { page, close } = await open('ada', `/data?lang=${lang}`, lang);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.locator('[data-testid=access-log] tbody tr').first().waitFor();
      expect(await page.locator('[data-testid=access-log] tbody').textContent()).toContain('ada');
      await close();
    }
  });

  it("a viewer sees Health, not the audit nor the access log; the refusal is the server's message", async () => {
    const health = await open('vic', '/health?lang=en', 'en');
    await health.page.locator('[data-chart=monthly-flows] svg').first().waitFor();
    // The sample's join-month cohorts are all smaller than 30 people: left out, and the chart says so.
    const cohorts = health.page.locator('[data-chart=cohorts] .caption');
    await cohorts.waitFor();
    expect(await cohorts.textContent()).toContain('Cohorts of fewer than 30 people are not shown.');
    await health.close();
    const zh = await open('vic', '/health?lang=zh-CN', 'zh-CN');
    const zhCohorts = zh.page.locator('[data-chart=cohorts] .caption');
    await zhCohorts.waitFor();
    expect(await zhCohorts.textContent()).toContain('少于 30 人的同期群不予显示。');
    await zh.close();
    const audit = await open('vic', '/audit?lang=zh-CN', 'zh-CN');
    await audit.page.locator('.error-box').first().waitFor();
    expect(await audit.page.locator('.error-box').first().textContent()).toContain('not available to the role viewer');
    await audit.close();
    const data = await open('vic', '/data?lang=en', 'en');
    await data.page.locator('.error-box').first().waitFor(); // the import history is not the viewer's
    expect(await data.page.getByTestId('access-log').count()).toBe(0);
    await data.close();
  });

  it('a manager sees the audit and the rankings of their department only, in Chinese', async () => {
    // 2026Q2: the sample's quarter with flags about 研发部's people (two account spikes).
    for (const path of ['/audit?quarter=2026Q2', '/rankings?lang=zh-CN']) {
      const { page, close } = await open('mgr', path, 'zh-CN');
      await page
        .locator('main td', { hasText: /^U\d{4}$/ })
        .first()
        .waitFor();
      const ids = ((await page.locator('main').textContent()) ?? '').match(/U\d{4}(?!\d)/g) ?? [];
      expect(ids.length, path).toBeGreaterThan(0);
      expect(
        ids.filter((id) => outsideScope.has(id)),
        path,
      ).toEqual([]);
      await close();
    }
  });

  it("a manager's filter on another attribute narrows their department; one below min_group_size is refused", async () => {
    const narrowed = await open(
      'mgr',
      `/health?quarter=2026Q3&filter=${encodeURIComponent('level=L3')}&lang=zh-CN`,
      'zh-CN',
    );
    await narrowed.page.locator('[data-chart=monthly-flows] svg').first().waitFor();
    expect(await narrowed.page.locator('.error-box').count()).toBe(0);
    expect(narrowed.w.errors).toEqual([]);
    await narrowed.close();
    const small = await open('mgr', `/health?quarter=2026Q3&filter=${encodeURIComponent('level=L5')}&lang=en`, 'en');
    await small.page.locator('.error-box').first().waitFor();
    expect(await small.page.locator('.error-box').first().textContent()).toContain('fewer than 30 people');
    await small.close();
    const zh = await open('mgr', `/health?quarter=2026Q3&filter=${encodeURIComponent('level=L5')}&lang=zh-CN`, 'zh-CN');
    await zh.page.locator('.error-box').first().waitFor();
    expect(await zh.page.locator('.error-box').first().textContent()).toContain('少于 30 人');
    await zh.close();
  });

  it("a manager allowed the program's totals sees them labelled beside their own; one not allowed does not", async () => {
    const kpi = '[data-kpi=issued] .kpi-value';
    const admin = await open('ada', '/health?quarter=2026Q3&lang=en', 'en');
    const programIssued = (await admin.page.locator(kpi).textContent())?.trim();
    await admin.close();
    for (const [lang, label] of [
      ['en', 'Whole program: '],
      ['zh-CN', '全公司：'],
    ] as const) {
      const tot = await open('tot', `/health?quarter=2026Q3&lang=${lang}`, lang);
      await tot.page.locator('[data-testid=kpi-program]').first().waitFor();
      const lines = await tot.page.locator('[data-testid=kpi-program]').allTextContents();
      expect(lines.length).toBe(await tot.page.locator('.kpi[data-kpi]:not([data-kpi=expiring])').count());
      for (const line of lines) expect(line.startsWith(label)).toBe(true);
      expect(await tot.page.getByTestId('program-note').textContent()).toContain('department=研发部');
      if (lang === 'en') {
        // The whole program's issued points are the administrator's card; the manager's own card is the scope's.
        const issuedLine = await tot.page.locator('[data-kpi=issued] [data-testid=kpi-program]').textContent();
        expect(issuedLine).toBe(`${label}${programIssued}`);
        expect((await tot.page.locator(kpi).textContent())?.trim()).not.toBe(programIssued);
      }
      expect(tot.w.errors).toEqual([]);
      await tot.close();
      const fairness = await open('tot', `/fairness?quarter=2026Q3&lang=${lang}`, lang);
      await fairness.page.getByTestId('fairness-program').waitFor();
      expect(await fairness.page.getByTestId('fairness-program').textContent()).toContain(label);
      await fairness.close();
      const mgr = await open('mgr', `/health?quarter=2026Q3&lang=${lang}`, lang);
      await mgr.page.locator(kpi).waitFor();
      // Whether to ask is in /api/meta, answered before the page draws: nothing is on its way.
      expect(await mgr.page.locator('[data-testid=kpi-program], [data-testid=program-note]').count()).toBe(0);
      expect(await mgr.page.locator('main').textContent()).not.toContain(label.trim());
      await mgr.close();
    }
  });

  it('a manager whose scope is smaller than min_group_size sees the notice alone, on every page, in both languages', async () => {
    for (const [lang, text] of [
      ['en', 'has fewer than 30 people'],
      ['zh-CN', '少于 30 人'],
    ] as const) {
      for (const path of ['/health', '/audit', '/rankings']) {
        const { page, w, close } = await open('tiny', `${path}?lang=${lang}`, lang);
        await page.getByTestId('scope-too-small').waitFor();
        expect(await page.getByTestId('scope-too-small').textContent()).toContain(text);
        expect(await page.getByTestId('scope-too-small').textContent()).toContain('department=战略部');
        expect(await page.locator('main .kpi, main table, main svg, .error-box').count()).toBe(0);
        expect(w.errors).toEqual([]);
        await close();
      }
    }
  });

  it('a group of fewer than min_group_size people reads "fewer than 30 people: not shown" to a viewer and a manager', async () => {
    // The sample's one general manager (总经理) for the viewer; the research department's directors (总监) for its manager.
    for (const [user, group] of [
      ['vic', '总经理'],
      ['mgr', '总监'],
    ] as const) {
      for (const [lang, text, withText] of [
        ['en', 'fewer than 30 people: not shown', 'not shown, so that a group of fewer than 30 people cannot be'],
        ['zh-CN', '少于 30 人，不予显示', '不予显示，以免由总数推算出少于 30 人的群体'],
      ] as const) {
        const { page, w, close } = await open(user, `/fairness?quarter=2026Q3&by=role&lang=${lang}`, lang);
        const row = page.locator('[data-testid=group-table] tbody tr', { has: page.locator(`td:text-is("${group}")`) });
        await row.waitFor();
        expect(await row.textContent()).toContain(text);
        // Another group is hidden with it, so the total less the groups shown does not give it away; it says why.
        expect(await page.locator('[data-testid=group-table]').textContent()).toContain(withText);
        expect(await row.locator('td.num').first().textContent()).toBe('—');
        expect(await page.locator('.error-box').count()).toBe(0);
        expect(w.errors).toEqual([]);
        await close();
      }
    }
    // The viewer's Health page draws the departments, the one smaller than 30 labelled so.
    const health = await open('vic', '/health?quarter=2026Q3&lang=en', 'en');
    await health.page.locator('[data-chart=departments] svg').first().waitFor();
    // (the label is cut to the chart's margin)
    expect(await health.page.locator('[data-chart=departments]').textContent()).toContain(
      '战略部 (fewer than 30 people',
    );
    await health.close();
  });

  it('a pseudonymised auditor sees pseudonyms only, and the drill-down still opens a timeline', async () => {
    const { page, w, close } = await open('pse', '/audit?quarter=2026Q1&lang=en', 'en');
    const rows = page.locator('[data-testid=flags] tbody tr');
    await rows.first().waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/P-[0-9a-f]{12}/);
    expect(text).not.toMatch(/U\d{4}(?!\d)/);
    await page.locator('[data-testid=flags] tr[data-check=account_spike] button.link').first().click();
    await page.locator('[data-chart=flag-timeline] svg').first().waitFor();
    await page.locator('[data-testid=evidence] tbody tr').first().waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/U\d{4}(?!\d)/);
    expect(w.errors).toEqual([]);
    await close();
  });

  it('marking a flag is for auditors: a manager sees the status, not the buttons (issue 17)', async () => {
    for (const [user, canMark] of [
      ['mgr', false],
      ['pse', true],
    ] as const) {
      const { page, close } = await open(user, '/audit?quarter=2026Q2&lang=zh-CN', 'zh-CN');
      await page.locator('[data-testid=flags] tbody tr button.link').first().click();
      await page.getByTestId('case-panel').waitFor();
      if (canMark) await page.locator('[data-testid=case-panel] button[data-status=reviewed]').waitFor();
      else {
        await page.getByTestId('case-readonly').waitFor();
        expect(await page.getByTestId('case-readonly').textContent()).toBe('只有审计员和管理员可以处理标记。');
        expect(await page.locator('[data-testid=case-panel] button').count()).toBe(0);
      }
      await close();
    }
  });
});
