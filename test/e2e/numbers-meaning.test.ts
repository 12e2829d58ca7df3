import { describe, expect, it } from 'vitest';
import { formatNumber, formatPoints } from '../../src/i18n/format.ts';
import type { Report } from '../../src/report/schema.ts';
import { watch } from './chromium.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const url = (path: string) => new URL(path, s.app.server.url).toString();
const api = async <T>(path: string) => (await (await fetch(url(path))).json()) as T;

describe('numbers that say what they mean (headless Chromium)', () => {
  it('shows the Gini card’s state against the program’s warning, and points expiring in 30/60/90 days', async () => {
    const r = await s.app.cli(['report', '--quarter', '2026Q2']);
    const meta = await api<{ settings: { fairness: { gini_warning: number } } }>('/api/meta');
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    const w = watch(page);
    await page.goto(url('/health?quarter=2026Q2&lang=en'));
    await page.locator('[data-kpi=gini]').waitFor();
    const warning = meta.settings.fairness.gini_warning;
    expect(await page.locator('[data-kpi=gini]').getAttribute('data-state')).toBe(r.gini! > warning ? 'warning' : 'ok');
    expect(await page.locator('[data-kpi=gini] .kpi-state').textContent()).toContain(formatNumber('en', warning, 2));
    // Expiring: the card names the 30-day figure of the report; the chart draws all horizons.
    const h30 = r.expiring!.horizons.find((h) => h.horizon_days === 30)!;
    expect(await page.locator('[data-kpi=expiring] .kpi-value').textContent()).toContain(
      formatPoints('en', h30.points),
    );
    await page.locator('[data-chart=expiring] svg').first().waitFor();
    // Cohorts are by the roster's joined_at, and the axis says so.
    await page.locator('[data-chart=cohorts] svg').first().waitFor();
    const cohortText = await page.locator('[data-chart=cohorts] .plot').textContent();
    expect(cohortText).toContain('Months since joining');
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('calls a group outside the band only when its interval is outside, and uncertain when it overlaps', async () => {
    const r = await api<Report>('/api/report?quarter=2026Q2&by=department');
    const meta = await api<{ settings: { fairness: { disparity_low: number; disparity_high: number } } }>('/api/meta');
    const { disparity_low: low, disparity_high: high } = meta.settings.fairness;
    const expected = r.by!.groups.map((g) => {
      if (g.small) return 'small';
      if (g.disparity === null || g.mean_issued === null) return 'none';
      const ref = g.mean_issued / g.disparity;
      const [lo, hi] = g.mean_ci ?? [null, null];
      const [a, b] = lo !== null && hi !== null ? [lo / ref, hi / ref] : [g.disparity, g.disparity];
      if (b < low || a > high) return 'outside';
      return g.disparity < low || g.disparity > high ? 'uncertain' : 'inside';
    });
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    await page.goto(url('/fairness?quarter=2026Q2&by=department&lang=en'));
    await page.locator('[data-testid=group-table] tbody tr').first().waitFor();
    expect(
      await page
        .locator('[data-testid=group-table] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-band'))),
    ).toEqual(expected);
    await page.close();
  });

  it('says once that a filter value does not exist, and that an unknown quarter was replaced', async () => {
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    await page.goto(url('/health?quarter=2026Q2&lang=en&filter=department%3DNowhere'));
    await page.locator('[data-chart=departments] svg').first().waitFor();
    await page.locator('.error-box').first().waitFor();
    expect(await page.locator('.error-box').count()).toBe(1);
    expect(await page.locator('.error-box').textContent()).toContain('department=Nowhere');
    expect(await page.locator('.error-box').textContent()).not.toContain('/api/');

    await page.goto(url('/health?quarter=2026Q9&lang=en'));
    await page.locator('[data-kpi=issued]').waitFor();
    const note = await page.getByTestId('period-note').textContent();
    expect(note).toContain('2026Q9');
    await page.close();
  });
  it('groups the thousands of counts in the import reconciliation and an account’s rank, as in the cells beside them', async () => {
    const page = await s.browser.newPage({ locale: 'en', viewport: { width: 1440, height: 1000 } });
    await page.goto(url('/data?lang=en'));
    const ledger = page.locator('[data-testid=imports] tbody tr', { hasText: 'ledger.csv' });
    await ledger.waitFor();
    const reconciles = await ledger.locator('td.ok, td.bad').textContent();
    expect(reconciles).toMatch(/^✓ \d{1,3}(,\d{3})+ = /);
    expect(reconciles).not.toMatch(/\d{4}/);

    await page.goto(url('/account/U0659?quarter=2026Q1&lang=en'));
    await page.locator('[data-testid=account-rankings] tbody tr').first().waitFor();
    const cells = await page
      .locator('[data-testid=account-rankings] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent ?? ''));
    expect(cells.some((c) => / \/ \d{1,3},\d{3}$/.test(c))).toBe(true);
    expect(cells.filter((c) => /\d{4}/.test(c))).toEqual([]);
    await page.close();
  });
});
