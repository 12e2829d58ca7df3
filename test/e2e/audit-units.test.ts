import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/audit/schema.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const Q1 = ['--from', '2026-01-01', '--to', '2026-04-01'];

/** What each check's value and score must say about themselves on the page (en). */
const EXPECT: Record<string, { value: RegExp; score: RegExp | null }> = {
  account_spike: { value: / points$/, score: /^z = / },
  near_duplicate: { value: / s$/, score: null },
  concentration: { value: /%$/, score: /^p [=<] / },
  round_adjustment: { value: /%$/, score: /^p [=<] / },
  ring: { value: /%$/, score: / transfers$/ },
};

describe('audit flags give each check its unit (headless Chromium)', () => {
  it('shows points, seconds and shares with their units and scores as z, p or counts — never a p-value as "0"', async () => {
    const cli = await s.app.cli<AuditResult>(['audit', ...Q1]);
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    await page.goto(new URL('/audit?quarter=2026Q1&lang=en', s.app.server.url).toString());
    const rows = page.locator('[data-testid=flags] tbody tr');
    await rows.first().waitFor();
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        check: tr.getAttribute('data-check')!,
        value: tr.querySelector('td[data-col=value]')?.textContent ?? '',
        score: tr.querySelector('td[data-col=score]')?.textContent ?? '',
      })),
    );
    expect(new Set(cells.map((c) => c.check))).toEqual(new Set(cli.flags.map((f) => f.check)));
    for (const c of cells) {
      const e = EXPECT[c.check];
      if (!e) continue;
      expect(c.value, `${c.check} value`).toMatch(e.value);
      if (e.score) expect(c.score, `${c.check} score`).toMatch(e.score);
      else expect(c.score, `${c.check} score`).toBe('—');
      expect(c.score).not.toBe('0');
    }
    await page.close();
  });

  it('keeps a value, baseline or score on one line with its unit ("23" over "transfers", "p <" over "0.0001" read apart)', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await s.browser.newPage({ locale: lang, viewport: { width: 1440, height: 1000 } });
      await page.goto(new URL(`/audit?quarter=2026Q1&lang=${lang}`, s.app.server.url).toString());
      await page.locator('[data-testid=flags] tbody tr').first().waitFor();
      const broken = await page
        .locator('[data-testid=flags] :is(td[data-col=value], td[data-col=baseline], td[data-col=score])')
        .evaluateAll((tds) =>
          tds
            .filter((td) => {
              const range = document.createRange();
              range.selectNodeContents(td);
              return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
            })
            .map((td) => td.textContent),
        );
      expect(broken, lang).toEqual([]);
      await page.close();
    }
  });
});

describe('an opened flag (headless Chromium)', () => {
  it('scrolls its detail into view and closes on Esc', async () => {
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 700 } });
    await page.goto(new URL('/audit?quarter=2026Q1&lang=en', s.app.server.url).toString());
    await page.locator('[data-testid=flags] tr[data-check=ring] button.link').first().click();
    const detail = page.getByTestId('flag-detail');
    await detail.waitFor();
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid=flag-detail]')!.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight;
    });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(page.url()).not.toContain('flag=');
    await page.close();
  });
});
