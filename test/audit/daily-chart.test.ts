import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/api/schema.ts';
import { dailyChart } from '../../src/audit/daily-chart.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import type { Database } from '../../src/db/database.ts';
import type { ReportBuilder } from '../../src/server/app.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { openDb } from './fixture.ts';
import { misconfiguredRuleLedger } from './unseen-fixtures.ts';

/**
 * The Health daily chart marks the days `ledger-lens audit` flags, with the same settings: rule spikes (the rule in
 * the data for the tooltip), campaign days, and the threshold of the audit settings instead of a constant.
 */
describe('the daily chart of the misconfigured-rule ledger', () => {
  let db: Database;
  let server: RunningServer;
  const campaign = { from: '2026-04-15', to: '2026-04-15', rule: 'RX', label: 'RX 周', multiplier: 10 };
  beforeAll(async () => {
    db = await openDb();
    await misconfiguredRuleLedger(db);
    await rebuildRollups(db); // an import keeps them; the fixture wrote the ledger table directly
    // Only /api/daily is asked for; the report module is not needed for it.
    const noReport: ReportBuilder = async () => {
      throw new Error('not used');
    };
    server = await startServer({
      db,
      host: '127.0.0.1',
      port: 0,
      buildReport: noReport,
      log: () => {},
      campaigns: [campaign],
    });
  });
  afterAll(async () => {
    await server.close();
    db.close();
  });

  it("marks RX on 2026-04-15 with its usual value, at the audit's threshold", async () => {
    const s = defaultAuditSettings();
    const chart = await dailyChart(db, '2026-04-01', '2026-05-01', s);
    // Unset, the threshold comes from alpha 0.01 over a year of days: Φ⁻¹(1 − 0.01 / 730), whatever range is shown.
    expect(chart.threshold).toBeCloseTo(4.194, 3);
    const marked = chart.days.filter((d) => d.rules.length > 0 || d.spike);
    // The total is a spike too (1.67×, driven by the anomalous rule), as `ledger-lens audit` flags it.
    expect(marked.map((d) => [d.day, d.spike, d.rules])).toEqual([
      ['2026-04-15', true, [{ rule_id: 'RX', value: 2200, expected: 110 }]],
    ]);
    s.program_spike.z = 6;
    expect((await dailyChart(db, '2026-04-01', '2026-05-01', s)).threshold).toBe(6);
  });

  it('serves the campaign of `serve --campaigns` as a campaign day, and RX inside it as expected, over HTTP', async () => {
    const r = await fetch(new URL('/api/daily?month=2026-04', server.url));
    expect(r.status).toBe(200);
    const body = (await r.json()) as Awaited<ReturnType<typeof dailyChart>>;
    expect(body.threshold).toBeCloseTo(4.194, 3);
    const day = body.days.find((d) => d.day === '2026-04-15')!;
    // 2,200 is under 10 × 3 × 110 = 3,300: the campaign explains it.
    expect(day).toMatchObject({ campaigns: ['RX 周'], rules: [], spike: false });
    expect(body.days.filter((d) => d.campaigns.length).map((d) => d.day)).toEqual(['2026-04-15']);
  });

  // Found by the server's own check of its answers (src/server/respond.ts): days before the ledger's first earning
  // were NaN in the answer (null in its JSON), which the page's schema refuses.
  it('gives a number for every day of a period that starts before the ledger, as /api/daily promises', async () => {
    const r = await fetch(new URL('/api/daily?month=2026-01', server.url));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(checkAnswer('/api/daily', body)).toEqual({ ok: true });
    const days = (body as Awaited<ReturnType<typeof dailyChart>>).days;
    // Nothing was issued before 2026-01-05: those days show 0, with no band to judge them by.
    expect(days.slice(0, 4).map((d) => [d.day, d.value, d.expected, d.spike, d.drop])).toEqual([
      ['2026-01-01', 0, null, false, false],
      ['2026-01-02', 0, null, false, false],
      ['2026-01-03', 0, null, false, false],
      ['2026-01-04', 0, null, false, false],
    ]);
    expect(days[4]).toMatchObject({ day: '2026-01-05', value: 3110 });
  });

  it('refuses a filter no account matches, as the report does (an empty chart would look like data)', async () => {
    const r = await fetch(
      new URL(`/api/daily?month=2026-04&filter=${encodeURIComponent('department=nobody')}`, server.url),
    );
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unknown_filter_value');
  });
});
