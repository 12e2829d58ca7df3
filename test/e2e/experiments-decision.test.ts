import { describe, expect, it } from 'vitest';
import type { AbResult } from '../../src/experiments/schema.ts';
import { formatNumber, formatPercent } from '../../src/i18n/format.ts';
import { chance } from '../../src/web/pages/ab-format.ts';
import { watch } from './chromium.ts';
import { ASSIGNMENTS, sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const EXP = 'EXP-2026-Q2-checkin';

describe('an experiment page that answers the question (headless Chromium)', () => {
  it('lists the rule the experiment changed, and ab --json carries the unadjusted lift and the chance to beat control', async () => {
    const list = (await (await fetch(new URL('/api/experiments', s.app.server.url))).json()) as {
      experiments: { experiment_id: string; changed_rules: string[] }[];
    };
    expect(list.experiments.find((e) => e.experiment_id === EXP)!.changed_rules).toEqual(['R02']); // labels.json: B's check-ins pay 115
    const cli = await s.app.cli<AbResult>(['ab', '--experiment', EXP, '--rule', 'R02', '--assignments', ASSIGNMENTS]);
    const issued = cli.metrics.find((m) => m.metric === 'issued')!;
    expect(issued.abs_lift_unadjusted).toBeCloseTo(issued.mean_treatment! - issued.mean_control!, 8);
    expect(issued.abs_ci_unadjusted).toHaveLength(2);
    expect(issued.chance_to_beat_control!).toBeGreaterThan(0.99);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`opens on the changed rule with a one-sentence decision and the guardrail state, lifts side by side (${lang})`, async () => {
      const cli = await s.app.cli<AbResult>(['ab', '--experiment', EXP, '--rule', 'R02', '--assignments', ASSIGNMENTS]);
      const issued = cli.metrics.find((m) => m.metric === 'issued')!;
      const page = await s.browser.newPage({ locale: lang, viewport: { width: 1440, height: 1000 } });
      const w = watch(page);
      await page.goto(new URL(`/experiments?lang=${lang}`, s.app.server.url).toString());
      await page.locator('[data-testid=ab-table] tbody tr').first().waitFor();
      expect(await page.getByTestId('exp-rule').inputValue()).toBe('R02');
      const decision = (await page.getByTestId('decision').textContent())!;
      expect(decision).toContain(formatPercent(lang, issued.rel_lift, 1));
      expect(decision).toContain(lang === 'en' ? 'raises' : '提高');
      expect(decision).toMatch(
        lang === 'en' ? /fairness guardrail: Gini (unchanged|rose|fell)/ : /公平护栏：基尼系数(无显著变化|上升|下降)/,
      );
      const row = page.locator('[data-testid=ab-table] tr[data-metric=issued]');
      expect(await row.locator('td[data-col=abs_unadjusted]').textContent()).toContain(
        formatNumber(lang, issued.abs_lift_unadjusted, 2),
      );
      expect(await row.locator('td[data-col=abs]').textContent()).toContain(formatNumber(lang, issued.abs_lift, 2));
      expect(await row.locator('td[data-col=chance]').textContent()).toBe(chance(lang, issued.chance_to_beat_control));
      // Shares move in percentage points.
      expect(
        await page.locator('[data-testid=ab-table] tr[data-metric=retained] td[data-col=abs]').textContent(),
      ).toContain(lang === 'en' ? 'pp' : '个百分点');
      // "All rules" stays chosen once a reader picks it.
      await page.getByTestId('exp-rule').selectOption({ index: 0 });
      await page.waitForFunction(() => new URLSearchParams(location.search).get('rule') === '*');
      expect(await page.getByTestId('exp-rule').inputValue()).toBe('*');
      expect(w.errors).toEqual([]);
      await page.close();
    });
  }
});
