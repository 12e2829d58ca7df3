import type { Page } from 'playwright-core';

/**
 * Every page of the dashboard in the state a reader reaches it: charts drawn, an audit flag of each kind opened, a
 * what-if replayed, an upload checked. `visit` is called once per state, so a test can look at each of them (the
 * language test reads the words, the phone test measures widths).
 */
export interface TourStop {
  /** A short name for messages and screenshot files: `audit-ring`, `data-check`. */
  name: string;
}

const CHARTS: Record<string, string[]> = {
  health: ['monthly-flows', 'outstanding', 'daily-issued', 'departments', 'tier-mix', 'rule-usage', 'cohorts'],
  fairness: ['lorenz', 'gini-trend', 'group-means', 'disparity', 'theil'],
  rankings: ['rank-bars', 'mall-categories', 'mall-monthly'],
  experiments: ['forest', 'arm-distribution'],
};

async function charts(page: Page, name: string) {
  for (const id of CHARTS[name] ?? []) await page.locator(`[data-chart=${id}] svg`).first().waitFor();
}

/** A ledger export with a row the check quarantines and a duplicate, so the check shows its reasons and warnings. */
const UPLOAD =
  '流水号,发生时间,员工编号,积分,类型\nW-1,2026-09-30 10:00:00,U0001,10,earn\nW-2,2026-09-30 10:00:00,U0002,ten,earn\nW-3,2026-13-40 10:00:00,U0003,5,earn\n';

export async function tour(page: Page, base: string, query: string, visit: (stop: TourStop) => Promise<void>) {
  const go = (path: string) => page.goto(new URL(`${path}${path.includes('?') ? '&' : '?'}${query}`, base).toString());

  await go('/health?quarter=2026Q2');
  await charts(page, 'health');
  await page.locator('[data-kpi=issued]').waitFor();
  await visit({ name: 'health' });

  await go('/fairness?quarter=2026Q2');
  await charts(page, 'fairness');
  await visit({ name: 'fairness' });

  await go('/rankings');
  await charts(page, 'rankings');
  await page.locator('[data-testid=rank-table] tbody tr').first().waitFor();
  await visit({ name: 'rankings' });

  await go('/audit?quarter=2026Q1');
  await page.locator('[data-testid=flags] tbody tr').first().waitFor();
  await page.locator('[data-testid=benford-field]').waitFor();
  await visit({ name: 'audit' });
  const checks = await page
    .locator('[data-testid=flags] tbody tr')
    .evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-check') ?? ''))]);
  for (const check of checks) {
    await page.locator(`[data-testid=flags] tr[data-check=${check}] button.link`).first().click();
    await page.getByTestId('flag-detail').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=flag-detail] .loading') === null);
    await page
      .locator('[data-testid=flag-detail] svg')
      .first()
      .waitFor({ timeout: 5000 })
      .catch(() => {});
    await visit({ name: `audit-${check}` });
  }

  await go('/account/U0659?quarter=2026Q1');
  await page.locator('[data-testid=account-out] tbody tr').first().waitFor();
  await page.locator('[data-chart=account-months] svg').first().waitFor();
  await visit({ name: 'account' });

  await go('/experiments');
  await charts(page, 'experiments');
  await visit({ name: 'experiments' });
  for (const [kind, rule] of [
    ['disable', 'R02'],
    ['multiplier', 'R02'],
    ['cap', 'R02'],
  ] as const) {
    await page.getByTestId('whatif-kind').selectOption(kind);
    await page.getByTestId('whatif-rule').selectOption(rule);
    await page.locator('[data-testid=whatif] select').first().selectOption('2026Q2');
    // The previous scenario's result, URL and chart already satisfy the waits below: wait for this scenario's own
    // answer and the frame that draws it, or the downloads race the re-render.
    const answered = page.waitForResponse(
      (r) => r.url().includes('/api/simulate') && new URL(r.url()).searchParams.has(kind),
    );
    await page.locator('[data-testid=whatif] button.primary').click();
    await answered;
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.getByTestId('whatif-result').waitFor();
    await page.waitForFunction((k) => location.search.includes(`wi_kind=${k}`), kind);
    await page.locator('[data-chart=whatif-lorenz] svg').first().waitFor();
    await visit({ name: `whatif-${kind}` });
  }

  await go('/data');
  await page.locator('[data-testid=imports] tbody tr').first().waitFor();
  await visit({ name: 'data' });
  await page
    .getByTestId('upload')
    .setInputFiles({ name: '导出.csv', mimeType: 'text/csv', buffer: Buffer.from(UPLOAD) });
  await page.getByTestId('check').waitFor();
  await visit({ name: 'data-check' });
}
