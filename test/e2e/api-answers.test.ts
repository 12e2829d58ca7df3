import { describe, expect, it } from 'vitest';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();

describe('the browser checks API answers against src/api/schema.ts (headless Chromium)', () => {
  it('shows a drifted answer as the part’s own error, and draws the rest of the page', async () => {
    const page = await s.browser.newPage();
    try {
      // The server answers /api/economics with a field renamed, as a half-merged change would.
      await page.route('**/api/economics**', async (route) => {
        const real = await route.fetch();
        const body = (await real.json()) as Record<string, unknown>;
        const { totals, ...rest } = body;
        await route.fulfill({ response: real, json: { ...rest, total: totals } });
      });
      await page.goto(new URL('/rankings?lang=en&period=quarter&at=2026-01-01', s.app.server.url).toString());
      const alert = page.locator('[role=alert]', { hasText: 'does not match its schema' });
      await alert.first().waitFor();
      expect(await alert.first().textContent()).toContain('/api/economics');
      expect(await alert.first().textContent()).toContain('totals');
      // The leaderboard comes from /api/rank, which was answered as it is: it is drawn.
      await page.locator('[data-chart] svg').first().waitFor();
    } finally {
      await page.close();
    }
  });

  it('shows a drifted answer of a route the pages read besides the main ones in the page’s language (zh-CN)', async () => {
    const page = await s.browser.newPage();
    try {
      // The experiments list loses its rules: the page says so in Chinese, in the part's place, and does not crash.
      await page.route('**/api/experiments', async (route) => {
        const real = await route.fetch();
        const { rules: _rules, ...rest } = (await real.json()) as Record<string, unknown>;
        await route.fulfill({ response: real, json: rest });
      });
      await page.goto(new URL('/experiments?lang=zh-CN', s.app.server.url).toString());
      const alert = page.locator('[role=alert]', { hasText: '应答与其模式不符' });
      await alert.first().waitFor();
      const text = (await alert.first().textContent()) ?? '';
      expect(text).toContain('此部分无法加载');
      expect(text).toContain('/api/experiments');
      expect(text).toContain('rules');
      expect(text).not.toContain('does not match');
      expect(await page.locator('[data-page=experiments] h1').count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
