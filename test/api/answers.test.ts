import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, type ApiRoute, checkAnswer, FILE_ANSWERS, routeName } from '../../src/api/schema.ts';
import { createApp } from '../../src/server/app.ts';
import { sampleServer } from '../e2e/sample-server.ts';
import { openTestDb } from '../queries/fixture.ts';

/** One real request of a route: a GET path, or a method with a body. */
interface Call {
  path: string;
  method?: 'POST';
  body?: string;
  json?: boolean;
}

const CALENDAR = 'from,to,rule,label\n2026-08-01,2026-08-03,,Double points week\n';
const LEDGER = 'event_id,occurred_at,account_id,points,event_type\nup-1,2026-03-05 10:00:00,acc-9,40,earn\n';

// What the real server answers on the bundled sample, checked against the schema the browser parses with. The
// calls run in this order: a later one may use an earlier answer (`from`).
const CALLS: Record<ApiRoute, Call | ((from: Map<ApiRoute, unknown>) => Call)> = {
  '/api/health': { path: '/api/health' },
  '/api/meta': { path: '/api/meta' },
  '/api/gini-trend': { path: '/api/gini-trend' },
  '/api/cohorts': { path: '/api/cohorts?quarter=2026Q1' },
  '/api/daily': { path: '/api/daily?quarter=2026Q1' },
  '/api/report': { path: '/api/report?quarter=2026Q1&by=department' },
  '/api/report/intervals': { path: '/api/report/intervals?quarter=2026Q1' },
  '/api/fairness': { path: '/api/fairness?quarter=2026Q1&by=department' },
  '/api/fairness/intervals': { path: '/api/fairness/intervals?quarter=2026Q1' },
  '/api/program-totals': { path: '/api/program-totals?quarter=2026Q1' },
  '/api/audit': { path: '/api/audit?quarter=2026Q1' },
  '/api/audit/timeline': { path: '/api/audit/timeline?account_id=U0074&from=2026-01-01&to=2026-04-01' },
  '/api/audit/evidence': (from) => ({
    path: `/api/audit/evidence?event_ids=${flags(from)
      .flatMap((f) => f.event_ids)
      .slice(0, 5)
      .join(',')}`,
  }),
  '/api/audit/graph': { path: '/api/audit/graph?accounts=U0074,U0001,U0002&from=2026-01-01&to=2026-04-01' },
  '/api/audit/benford': { path: '/api/audit/benford?quarter=2026Q1&field=adjust' },
  '/api/audit/sample': { path: '/api/audit/sample?quarter=2026Q1&rate=0.05&seed=7' },
  '/api/audit/marks': { path: '/api/audit/marks' },
  'POST /api/audit/marks': (from) => ({
    path: '/api/audit/marks',
    method: 'POST',
    json: true,
    body: JSON.stringify({ quarter: '2026Q1', flag_id: flags(from)[0].flag_id, status: 'reviewed', note: 'checked' }),
  }),
  '/api/ab': { path: '/api/ab?experiment=EXP-2026-Q2-checkin' },
  '/api/experiments': { path: '/api/experiments' },
  '/api/simulate': { path: '/api/simulate?quarter=2026Q2&cap=100&rule=R02' },
  '/api/rank': { path: '/api/rank?period=month&at=2026-03-01&by=department&top=10' },
  '/api/economics': { path: '/api/economics?quarter=2026Q1' },
  '/api/account': { path: '/api/account?account_id=U0074&quarter=2026Q2' },
  '/api/access-log': { path: '/api/access-log' },
  '/api/campaigns': { path: '/api/campaigns' },
  'POST /api/campaigns': { path: '/api/campaigns?name=calendar.csv', method: 'POST', body: CALENDAR },
  'POST /api/campaigns/delete': {
    path: '/api/campaigns/delete?index=0&label=Double%20points%20week',
    method: 'POST',
  },
  '/api/imports': { path: '/api/imports' },
  '/api/quarantine': { path: '/api/quarantine' },
  'POST /api/uploads': { path: '/api/uploads?name=more.csv', method: 'POST', body: LEDGER },
  '/api/uploads/progress': (from) => ({ path: `/api/uploads/progress?upload_id=${uploadId(from)}` }),
  'POST /api/uploads/discard': (from) => ({ path: `/api/uploads/discard?upload_id=${uploadId(from)}`, method: 'POST' }),
  'POST /api/uploads/commit': (from) => ({
    path: `/api/uploads/commit?upload_id=${(from.get('POST /api/uploads/commit') as { upload_id: string }).upload_id}`,
    method: 'POST',
  }),
};

const flags = (from: Map<ApiRoute, unknown>) =>
  (from.get('/api/audit') as { flags: { flag_id: string; event_ids: string[] }[] }).flags;
const uploadId = (from: Map<ApiRoute, unknown>) => (from.get('POST /api/uploads') as { upload_id: string }).upload_id;

let app: Awaited<ReturnType<typeof sampleServer>>;
const answers = new Map<ApiRoute, unknown>();
beforeAll(async () => {
  app = await sampleServer();
});
afterAll(async () => {
  await app?.close();
});

async function send(call: Call): Promise<Response> {
  const headers: Record<string, string> = { 'X-Ledger-Lens': '1' };
  if (call.json) headers['Content-Type'] = 'application/json';
  return fetch(new URL(call.path, app.server.url), { method: call.method ?? 'GET', headers, body: call.body });
}

describe('src/api/schema.ts: one schema per route, shared by server and browser', () => {
  it('has an answer schema or a file type for every route the server serves, and nothing else', async () => {
    const db = await openTestDb();
    try {
      const handler = createApp({ db, log: () => {} });
      const served = handler.routeKeys.map((k) => routeName(k.split(' ')[0], k.split(' ')[1])).sort();
      await handler.drain();
      expect(served).toEqual([...Object.keys(ANSWERS), ...Object.keys(FILE_ANSWERS)].sort());
    } finally {
      db.close();
    }
  });

  it('names a real request for every route it declares', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(ANSWERS).sort());
  });

  it('every real answer matches its schema (the server checks it too: a mismatch would be a 500)', async () => {
    // The second upload is the one committed; the first is looked at and discarded.
    const order = Object.keys(CALLS) as ApiRoute[];
    for (const route of order) {
      if (route === 'POST /api/uploads/commit') {
        const again = await send({ path: '/api/uploads?name=again.csv', method: 'POST', body: LEDGER });
        answers.set(route, await again.json());
      }
      const spec = CALLS[route];
      const call = typeof spec === 'function' ? spec(answers) : spec;
      const res = await send(call);
      const body = await res.json();
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
      expect({ route, checked: checkAnswer(route, body) }).toEqual({ route, checked: { ok: true } });
      answers.set(route, body);
    }
    // The POSTs did what they say: the calendar came and went, the mark and the import are there.
    expect(answers.get('POST /api/campaigns')).toMatchObject({ campaigns: [{ label: 'Double points week' }] });
    expect(answers.get('POST /api/campaigns/delete')).toEqual({ campaigns: [] });
    expect(answers.get('POST /api/audit/marks')).toMatchObject({ mark: { status: 'reviewed', note: 'checked' } });
    expect(answers.get('POST /api/uploads/commit')).toMatchObject({ import: { accepted: 1, dry_run: false } });
  });

  it('names the route and the wrong field when an answer drifts', () => {
    const r = checkAnswer('/api/economics', { currency: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^The answer of \/api\/economics does not match its schema \(src\/api\/schema.ts\): \w+/,
    );
    const posted = checkAnswer('POST /api/audit/marks', { flag_id: 'f', mark: { status: 'done' } });
    expect(!posted.ok && posted.fields).toMatch(/^mark\.status: /);
  });
});
