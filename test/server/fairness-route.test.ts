import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { fairnessView, type FairnessOptions } from '../../src/report/fairness-view.ts';
import { monthPeriod, quarterPeriod } from '../../src/dates.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { sampleDb } from '../rank/sample-db.ts';

// GET /api/fairness runs the distribution and the group breakdown on two pooled connections at once when they share
// no work (an unfiltered month or quarter), else both on one connection (routes/fairness.ts). Either way its answer
// must be fairnessView's, which test/report/fairness-view.test.ts holds equal to the report.
describe('GET /api/fairness: fairnessView whichever way it ran', () => {
  let sample: Awaited<ReturnType<typeof sampleDb>>;
  let db: Database;
  let server: RunningServer;
  beforeAll(async () => {
    sample = await sampleDb('fairness-route-');
    db = await Database.open(sample.path, { threads: 2 });
    server = await startServer({ db, host: '127.0.0.1', port: 0, log: () => {} });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    db?.close();
    sample?.cleanup();
  });

  const views: { query: string; opts: FairnessOptions }[] = [
    { query: 'quarter=2026Q1&by=department', opts: { period: quarterPeriod('2026Q1'), by: 'department' } },
    { query: 'month=2025-11&by=region', opts: { period: monthPeriod('2025-11'), by: 'region' } },
    { query: 'quarter=2025Q4', opts: { period: quarterPeriod('2025Q4') } },
    {
      query: `quarter=2025Q3&by=department&filter=${encodeURIComponent('department=研发部')}`,
      opts: { period: quarterPeriod('2025Q3'), by: 'department', filter: { attribute: 'department', value: '研发部' } },
    },
  ];
  it.each(views)('$query', async ({ query, opts }) => {
    const r = await fetch(new URL(`/api/fairness?${query}`, server.url));
    expect(r.status).toBe(200);
    const answer = await r.json();
    const direct = JSON.parse(JSON.stringify(await fairnessView(db, opts)));
    expect(direct.population.n).toBeGreaterThan(0);
    expect(answer).toEqual(direct);
  });

  it('an attribute nobody has is the same 400 on either path', async () => {
    const r = await fetch(new URL('/api/fairness?quarter=2026Q1&by=no_such_attribute', server.url));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unknown_attribute');
  });
});
