import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AbResult } from '../../src/experiments/schema.ts';
import { formatNumber, formatPoints } from '../../src/i18n/format.ts';
import type { SimulationResult } from '../../src/simulate/schema.ts';
import { OUT_DIR, watch } from './chromium.ts';
import { ASSIGNMENTS, sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const EXP = 'EXP-2026-Q2-checkin';

const get = async <T>(path: string) => {
  const r = await fetch(new URL(path, s.app.server.url));
  return { status: r.status, body: (await r.json()) as T & { error?: { code: string; message: string } } };
};

describe('experiments API', () => {
  it('lists the sample experiment and answers ab exactly as `ledger-lens ab --json`', async () => {
    const list = await get<{ experiments: { experiment_id: string }[] }>('/api/experiments');
    expect(list.body.experiments.map((e) => e.experiment_id)).toEqual([EXP]);
    const api = await get<AbResult>(`/api/ab?experiment=${EXP}&rule=R02`);
    const cli = await s.app.cli<AbResult>(['ab', '--experiment', EXP, '--rule', 'R02', '--assignments', ASSIGNMENTS]);
    expect(api.body).toEqual(cli);
    expect(api.body.arms).toEqual([
      { variant: 'A', n: 932 },
      { variant: 'B', n: 979 },
    ]); // labels.json
  });

  it('answers simulate exactly as `ledger-lens simulate --json`', async () => {
    const api = await get<SimulationResult>('/api/simulate?quarter=2026Q2&cap=100&rule=R02');
    const cli = await s.app.cli<SimulationResult>([
      'simulate',
      '--from',
      '2026-04-01',
      '--to',
      '2026-07-01',
      '--cap',
      '100',
      '--rule',
      'R02',
    ]);
    expect(api.body).toEqual(cli);
    // arm B's check-ins pay 115: a cap of 100 on R02 cuts each of them by 15
    expect(api.body.difference.issued).toBeLessThan(0);
    expect(Math.abs(api.body.difference.issued % 15)).toBe(0);
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const cases: [string, RegExp][] = [
      ['/api/ab', /^experiment: /],
      ['/api/ab?experiment=NOPE', /no experiment "NOPE"/],
      ['/api/ab?experiment=X%27%3B', /^experiment: /],
      ['/api/ab?experiment=EXP-2026-Q2-checkin&winsorize=yes', /^winsorize: /],
      ['/api/simulate?quarter=2026Q2', /no scenario given/],
      ['/api/simulate?quarter=2026Q2&cap=-5', /^cap: /],
      ['/api/simulate?quarter=2026Q2&multiplier=R02', /^multiplier: /],
      ['/api/simulate?quarter=2026Q2&disable=R99', /no rule "R99"/],
      ['/api/simulate?quarter=2026Q2&cap=10&disable=R02', /cannot be combined/],
    ];
    for (const [path, message] of cases) {
      const r = await get<unknown>(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error!.message, path).toMatch(message);
    }
  });
});

describe('experiments page (headless Chromium)', () => {
  it('shows arms, SRM, results and guardrail in both languages, with the CLI’s numbers', async () => {
    const cli = await s.app.cli<AbResult>(['ab', '--experiment', EXP, '--rule', 'R02', '--assignments', ASSIGNMENTS]);
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await s.browser.newPage({ locale: lang, viewport: { width: 1440, height: 1000 } });
      const w = watch(page);
      await page.goto(new URL(`/experiments?rule=R02&lang=${lang}`, s.app.server.url).toString());
      await page.locator('[data-chart=forest] svg').first().waitFor();
      await page.locator('[data-chart=arm-distribution] svg').first().waitFor();
      expect(await page.getByTestId('srm').getAttribute('class')).toBe('banner ok');
      expect(await page.getByTestId('srm').textContent()).toContain(lang === 'en' ? 'Arm A: n = 932' : 'A 组：n = 932');
      const issued = cli.metrics.find((m) => m.metric === 'issued')!;
      const row = page.locator('[data-testid=ab-table] tr[data-metric=issued]');
      expect(await row.locator('td[data-col=abs]').textContent()).toContain(formatNumber(lang, issued.abs_lift, 2));
      expect(await row.locator('td.verdict').textContent()).toBe(lang === 'en' ? 'better' : '更好');
      await page.screenshot({ path: join(OUT_DIR, `dashboard-experiments-${lang}.png`), fullPage: true });
      expect(w.errors).toEqual([]);
      await page.close();
    }
  });

  it('runs a what-if from the form and shows the counterfactual note and the CLI’s numbers', async () => {
    const cli = await s.app.cli<SimulationResult>([
      'simulate',
      '--from',
      '2026-04-01',
      '--to',
      '2026-07-01',
      '--disable',
      'R02',
    ]);
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    await page.goto(new URL('/experiments?lang=en', s.app.server.url).toString());
    await page.getByTestId('whatif-kind').selectOption('disable');
    await page.getByTestId('whatif-rule').selectOption('R02');
    await page.locator('[data-testid=whatif] select').first().selectOption('2026Q2');
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByTestId('whatif-result').waitFor();
    expect(page.url()).toContain('wi_kind=disable');
    expect(await page.getByRole('note').textContent()).toContain('behaviour would change under a new rule');
    const cells = page.locator('[data-testid=whatif-table] tbody tr').first().locator('td');
    expect(await cells.nth(1).textContent()).toBe(formatPoints('en', cli.actual.issued));
    expect(await cells.nth(2).textContent()).toBe(formatPoints('en', cli.simulated.issued));
    await page.locator('[data-chart=whatif-lorenz] svg').first().waitFor();
    await page.screenshot({ path: join(OUT_DIR, 'dashboard-whatif-en.png'), fullPage: true });
    await page.close();
  });
});
