import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, type ApiRoute, checkAnswer } from '../../src/api/schema.ts';
import { sampleServer } from '../e2e/sample-server.ts';

// What the real server answers on the bundled sample, checked against the schema the browser parses with.
const PATHS: Record<ApiRoute, string> = {
  '/api/meta': '/api/meta',
  '/api/gini-trend': '/api/gini-trend',
  '/api/cohorts': '/api/cohorts?quarter=2026Q1',
  '/api/daily': '/api/daily?quarter=2026Q1',
  '/api/report': '/api/report?quarter=2026Q1&by=department',
  '/api/fairness': '/api/fairness?quarter=2026Q1&by=department',
  '/api/program-totals': '/api/program-totals?quarter=2026Q1',
  '/api/audit': '/api/audit?quarter=2026Q1',
  '/api/ab': '/api/ab?experiment=EXP-2026-Q2-checkin',
  '/api/simulate': '/api/simulate?quarter=2026Q2&cap=100&rule=R02',
  '/api/rank': '/api/rank?period=month&at=2026-03-01&by=department&top=10',
  '/api/economics': '/api/economics?quarter=2026Q1',
  '/api/account': '/api/account?account_id=U0074&quarter=2026Q2',
  '/api/access-log': '/api/access-log',
};

let app: Awaited<ReturnType<typeof sampleServer>>;
beforeAll(async () => {
  app = await sampleServer();
});
afterAll(async () => {
  await app?.close();
});

describe('src/api/schema.ts: one schema per main route, shared by server and browser', () => {
  it('names a path for every route it declares', () => {
    expect(Object.keys(PATHS).sort()).toEqual(Object.keys(ANSWERS).sort());
  });

  it.each(Object.entries(PATHS))('%s: the real answer matches its schema', async (route, path) => {
    const res = await fetch(new URL(path, app.server.url));
    expect(res.status).toBe(200);
    expect(checkAnswer(route as ApiRoute, await res.json())).toEqual({ ok: true });
  });

  it('names the route and the wrong field when an answer drifts', () => {
    const r = checkAnswer('/api/economics', { currency: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^The answer of \/api\/economics does not match its schema \(src\/api\/schema.ts\): \w+/,
    );
  });
});
