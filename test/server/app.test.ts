import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import type { Report } from '../../src/report/schema.ts';
import type { ReportBuilder } from '../../src/server/app.ts';
import { isReshapeWorker, SECURITY_HEADERS, WORKER_CSP } from '../../src/server/security.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { reportFixture } from '../report-html/fixture.ts';
import { FIXTURE_FILE_NAME, fixtureDb } from './fixture-db.ts';

const TOKEN = 'app-test-token-0123456789';

let fixture: Awaited<ReturnType<typeof fixtureDb>>;
let db: Database;
let open: RunningServer;
let locked: RunningServer;
let bare: RunningServer;
const calls: Parameters<ReportBuilder>[1][] = [];

/**
 * What a build was asked, without the idle second connection it may get (whether one is idle depends on what else
 * runs); the period memo is always passed, so that a report reuses the periods others computed.
 */
const askedOf = ({ second: _second, memo, ...q }: Parameters<ReportBuilder>[1]) => {
  expect(memo).toBeDefined();
  return q;
};

/** Stands in for the metrics module: records what it was asked, answers the hand-built report. */
const builder: ReportBuilder = async (_db, q) => {
  calls.push(askedOf(q));
  return reportFixture({ period: { from: q.from, to: q.to } } as Partial<Report>);
};

const get = (s: RunningServer, path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, s.url), { headers });

beforeAll(async () => {
  fixture = await fixtureDb();
  db = await Database.open(fixture.path, { memoryLimit: '1GB', threads: 1 });
  open = await startServer({ db, host: '127.0.0.1', port: 0, buildReport: builder, log: () => {} });
  locked = await startServer({ db, host: '127.0.0.1', port: 0, token: TOKEN, buildReport: builder, log: () => {} });
  bare = await startServer({ db, host: '127.0.0.1', port: 0, log: () => {} });
});

afterAll(async () => {
  await Promise.all([open?.close(), locked?.close(), bare?.close()]);
  db?.close();
  fixture?.cleanup();
});

describe('routes', () => {
  it('answers health', async () => {
    const r = await get(open, '/api/health');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
  });

  it('lists imports with counts that reconcile, and the database totals', async () => {
    const body = (await (await get(open, '/api/imports')).json()) as {
      imports: Record<string, unknown>[];
      totals: Record<string, unknown>;
    };
    const { first, second, rows, rejects, issued, outstanding } = fixture.expected;
    expect(body.imports.map((i) => i.file_name)).toEqual(['ledger-march.csv', FIXTURE_FILE_NAME]);
    expect(body.imports[1]).toMatchObject(first);
    expect(body.imports[0]).toMatchObject(second);
    expect(body.totals).toMatchObject({ rows, rejects, issued, outstanding, accounts: 5 });
  });

  it('serves the built app on every page path, with no inline script', async () => {
    for (const path of ['/', '/health', '/fairness', '/data']) {
      const r = await get(open, path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await r.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    }
    const asset = (await (await get(open, '/')).text()).match(/src="(\/assets\/[^"]+)"/)![1];
    const js = await get(open, asset);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get(open, '/assets/../../package.json')).status).toBe(404);
  });

  it('describes the data for the pickers: quarters, months, attribute values, settings', async () => {
    const meta = (await (await get(open, '/api/meta')).json()) as Record<string, unknown> & {
      attributes: { attribute: string; values: { value: string; accounts: number }[] }[];
    };
    // data 2025-10-15 … 2026-03-31: 2026Q1 is complete and the default
    expect(meta.quarters).toEqual(['2026Q1', '2025Q4']);
    expect(meta.default_quarter).toBe('2026Q1');
    expect(meta.months).toEqual(['2026-03', '2026-02', '2026-01', '2025-12', '2025-11', '2025-10']);
    // accounts 1–2 are Sales, 3–5 Ops (fixture-db.ts)
    expect(meta.attributes).toEqual([
      {
        attribute: 'department',
        values: [
          { value: 'Ops', accounts: 3 },
          { value: 'Sales', accounts: 2 },
        ],
      },
    ]);
    expect(meta.settings).toMatchObject({ currency: expect.any(String), point_value: expect.any(Number) });
  });

  it('lists the quarantine of an import as JSON and as CSV for Excel', async () => {
    const [{ import_id }] = (
      (await (await get(open, '/api/imports')).json()) as { imports: { import_id: number; file_name: string }[] }
    ).imports.filter((i) => i.file_name === FIXTURE_FILE_NAME);
    const q = (await (await get(open, `/api/quarantine?import_id=${import_id}`)).json()) as {
      total: number;
      rows: { line: number; reasons: string[] }[];
    };
    expect(q.total).toBe(2); // the unreadable points and the repeated event id
    expect(q.rows.every((r) => r.line > 1 && r.reasons.length > 0)).toBe(true);
    const csv = await get(open, `/api/quarantine?import_id=${import_id}&format=csv`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="quarantine-${import_id}.csv"`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, so Excel reads the text as UTF-8
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toMatch(/^import_id,file,line,reasons/);
  });

  it('returns the report JSON and the HTML report for a quarter, through the builder', async () => {
    calls.length = 0;
    const json = (await (await get(open, '/api/report?quarter=2025Q4&by=department')).json()) as Report;
    expect(calls).toEqual([{ by: 'department', from: '2025-10-01', to: '2026-01-01', intervals: false }]);
    calls.length = 0;
    await get(open, '/api/report?month=2025-12&filter=department%3DSales');
    expect(calls).toEqual([
      { from: '2025-12-01', to: '2026-01-01', filter: { attribute: 'department', value: 'Sales' }, intervals: false },
    ]);
    expect(json.period).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    const html = await get(open, '/report.html?quarter=2026Q1&lang=zh-CN');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('积分制度季度报告 · 2026年第1季度');
  });

  it('answers 400 with a JSON message naming the parameter for bad input, never 500', async () => {
    const cases: [string, RegExp][] = [
      ['/api/report?quarter=2026Q5', /^quarter: .*got "2026Q5"/],
      ['/api/report?month=2026-13', /^month: .*got "2026-13"/],
      ['/api/report?quarter=2026Q1&month=2026-01', /^month: give quarter or month, not both/],
      ['/api/report?quarter=2026Q1&filter=department', /^filter: must be ATTRIBUTE=VALUE/],
      ['/api/cohorts?quarter=26Q1', /^quarter: /],
      ['/api/daily?month=May', /^month: /],
      ['/api/gini-trend?filter=%3DSales', /^filter: /],
      ['/api/quarantine?import_id=abc', /^import_id: /],
      ['/api/quarantine?format=xlsx', /^format: /],
      ['/api/uploads/progress?upload_id=..%2F..%2Fetc', /^upload_id: /],
      ['/api/report?quarter=2026Q1;DROP%20TABLE%20ledger', /^quarter: /],
      ['/api/report?quarter=2026Q1&by=dept%27%20OR%201%3D1', /^by: /],
      ['/report.html?quarter=2026Q1&lang=fr', /^lang: /],
    ];
    for (const [path, message] of cases) {
      const r = await get(open, path);
      expect(r.status, path).toBe(400);
      const body = (await r.json()) as { error: { code: string; message: string; hint: string } };
      expect(body.error.code).toBe('bad_parameter');
      expect(body.error.message, path).toMatch(message);
      expect(body.error.hint).toBeTruthy();
    }
  });

  it('answers 404 for unknown paths, 405 for writes, and 404 for reports when no builder is wired', async () => {
    expect((await get(open, '/etc/passwd')).status).toBe(404);
    const post = await fetch(new URL('/api/health', open.url), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect((await fetch(new URL('/health', open.url), { method: 'DELETE' })).status).toBe(405);
    expect((await get(open, '/api/nope')).status).toBe(404);
    const r = await get(bare, '/api/report?quarter=2026Q1');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('report_unavailable');
  });

  it('sends the security headers on every response, errors included', async () => {
    for (const [s, path] of [
      [open, '/'],
      [open, '/api/health'],
      [open, '/api/report?quarter=x'],
      [open, '/nope'],
      [locked, '/'],
    ] as const) {
      const r = await get(s, path);
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(r.headers.get(k), `${path} ${k}`).toBe(v);
    }
    const csp = SECURITY_HEADERS['Content-Security-Policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/unsafe-eval/);
    // Only the built reshaping worker gets the policy allowing eval; a missing one is a 404 under the page's.
    expect(isReshapeWorker('/assets/reshape-worker-B1x_9.js')).toBe(true);
    // Under `npm run dev`, Vite serves the worker's source from outside the app's root (vite.config.ts).
    expect(isReshapeWorker('/@fs/home/me/ledger-lens/src/reshape/reshape-worker.ts')).toBe(true);
    for (const p of [
      '/assets/index-B1x.js',
      '/reshape-worker-B1x.js',
      '/assets/reshape-worker-x.js.map',
      '/@fs/home/me/ledger-lens/src/reshape/chart-table.ts',
      '/src/reshape/reshape-worker.ts',
    ])
      expect(isReshapeWorker(p), p).toBe(false);
    const missing = await get(open, '/assets/reshape-worker-none.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(csp);
    expect(WORKER_CSP).toMatch(/connect-src 'none'/);
  });
});

describe('report builds', () => {
  it('prewarm computes the default Health view at start, so the first visitor gets it from memory', async () => {
    const asked: Parameters<ReportBuilder>[1][] = [];
    const recording: ReportBuilder = async (_db, q) => {
      asked.push(askedOf(q));
      return reportFixture({ period: { from: q.from!, to: q.to! } } as Partial<Report>);
    };
    const s = await startServer({
      db,
      host: '127.0.0.1',
      port: 0,
      buildReport: recording,
      log: () => {},
      prewarm: true,
    });
    try {
      // the fixture's data ends 2026-03-31: the default quarter is 2026Q1, asked with the department split
      await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(1);
      expect(asked[0]).toEqual({ from: '2026-01-01', to: '2026-04-01', by: 'department', intervals: false });
      expect((await get(s, '/api/report?quarter=2026Q1&by=department')).status).toBe(200);
      expect(asked).toHaveLength(1); // answered from memory
    } finally {
      await s.close();
    }
  });

  it('run side by side, each on its own connection, and a repeated request is answered from memory', async () => {
    let builds = 0;
    const connections = new Set<unknown>();
    // Every build waits until all four are running: if one request waited for another, this would never resolve.
    let arrived!: () => void;
    const allRunning = new Promise<void>((resolve) => (arrived = resolve));
    const slow: ReportBuilder = async (conn, q) => {
      connections.add(conn);
      if (++builds === 4) arrived();
      await allRunning;
      return reportFixture({ period: { from: q.from, to: q.to } } as Partial<Report>);
    };
    const s = await startServer({ db, host: '127.0.0.1', port: 0, buildReport: slow, log: () => {} });
    try {
      const quarters = ['2025Q2', '2025Q3', '2025Q4', '2026Q1'];
      const answers = await Promise.all(quarters.map((q) => get(s, `/api/report?quarter=${q}`)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(builds).toBe(4);
      expect(connections.size).toBe(4);
      expect(connections.has(db)).toBe(false); // the main connection stays for imports
      const again = (await (await get(s, '/api/report?quarter=2025Q3')).json()) as Report;
      expect(again.period.from).toBe('2025-07-01');
      expect(builds).toBe(4);
    } finally {
      await s.close();
    }
  });

  it('turns a UserError from the builder into 400 and any other failure into a 500 without details', async () => {
    const { UserError } = await import('../../src/errors.ts');
    const failing: ReportBuilder = async (_db, q) => {
      if (q.by === 'nosuch')
        throw new UserError('unknown_attribute', 'by "nosuch": no account has this attribute', {
          hint: 'Try department.',
        });
      throw new Error('secret internal detail');
    };
    const lines: string[] = [];
    const s = await startServer({ db, host: '127.0.0.1', port: 0, buildReport: failing, log: (l) => lines.push(l) });
    try {
      const bad = await get(s, '/api/report?quarter=2026Q1&by=nosuch');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('unknown_attribute');
      const boom = await get(s, '/api/report?quarter=2026Q1');
      expect(boom.status).toBe(500);
      expect(await boom.text()).not.toContain('secret');
      expect(lines.join('\n')).toContain('secret internal detail');
    } finally {
      await s.close();
    }
  });
});

describe('with a token', () => {
  it('answers 401 without it on every data route; the app shell and its assets hold no data and load without it', async () => {
    expect((await get(locked, '/health')).status).toBe(200);
    for (const path of [
      '/api/health',
      '/api/meta',
      '/api/imports',
      '/api/quarantine',
      '/api/report?quarter=2026Q1',
      '/api/daily',
      '/api/cohorts',
      '/api/gini-trend',
      '/report.html?quarter=2026Q1',
      '/api/nope',
    ]) {
      const r = await get(locked, path);
      expect(r.status, path).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await get(locked, '/api/health', { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
  });

  it('answers with the bearer header or ?token=', async () => {
    expect((await get(locked, '/api/health', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get(locked, `/api/meta?token=${TOKEN}`)).status).toBe(200);
    const page = await get(locked, `/health?token=${TOKEN}&lang=en`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
  });
});
