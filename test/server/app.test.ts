import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import type { Report } from '../../src/report/schema.ts';
import type { ReportBuilder } from '../../src/server/app.ts';
import { SECURITY_HEADERS } from '../../src/server/security.ts';
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

/** Stands in for the metrics module: records what it was asked, answers the hand-built report. */
const builder: ReportBuilder = async (_db, q) => {
  calls.push(q);
  return reportFixture({ period: { from: q.from, to: q.to } } as Partial<Report>);
};

const get = (s: RunningServer, path: string, headers: Record<string, string> = {}) => fetch(new URL(path, s.url), { headers });

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
    const body = (await (await get(open, '/api/imports')).json()) as { imports: Record<string, unknown>[]; totals: Record<string, unknown> };
    const { first, second, rows, rejects, issued, outstanding } = fixture.expected;
    expect(body.imports.map((i) => i.file_name)).toEqual(['ledger-march.csv', FIXTURE_FILE_NAME]);
    expect(body.imports[1]).toMatchObject(first);
    expect(body.imports[0]).toMatchObject(second);
    expect(body.totals).toMatchObject({ rows, rejects, issued, outstanding, accounts: 5 });
  });

  it('renders the home page in the Accept-Language, escaping file names, with the counts shown', async () => {
    const zh = await (await get(open, '/', { 'accept-language': 'zh-CN,zh;q=0.9' })).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('导入记录');
    expect(zh).toContain('ledger&lt;img src=x onerror=alert(1)&gt;&amp;q1.csv');
    expect(zh).not.toContain('<img');
    expect(zh).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline scripts
    const en = await (await get(open, '/?lang=en', { 'accept-language': 'zh-CN' })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toMatch(/<td class="num">37<\/td><td class="num">35<\/td><td class="num">2<\/td><td class="num">0<\/td>/);
    expect(en).toMatch(/<td class="num">7<\/td><td class="num">2<\/td><td class="num">0<\/td><td class="num">5<\/td>/);
    // reconciliation spelled out: 37 = 35 + 2 + 0 and 7 = 2 + 0 + 5
    expect(en).toContain('✓ 37 = 35 + 2 + 0');
    expect(en).toContain('✓ 7 = 2 + 0 + 5');
    // data ends 2026-03-31, so 2026Q1 is complete and preselected
    expect(en).toContain('<option value="2026Q1" selected>');
  });

  it('returns the report JSON and the HTML report for a quarter, through the builder', async () => {
    calls.length = 0;
    const json = (await (await get(open, '/api/report?quarter=2025Q4&by=department')).json()) as Report;
    expect(calls).toEqual([{ quarter: '2025Q4', by: 'department', from: '2025-10-01', to: '2026-01-01' }]);
    expect(json.period).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    const html = await get(open, '/report.html?quarter=2026Q1&lang=zh-CN');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('积分制度季度报告 · 2026年第1季度');
  });

  it('answers 400 with a JSON message naming the parameter for bad input, never 500', async () => {
    const cases: [string, RegExp][] = [
      ['/api/report?quarter=2026Q5', /^quarter: .*got "2026Q5"/],
      ['/api/report', /^quarter: .*missing/],
      ['/api/report?quarter=2026Q1;DROP%20TABLE%20ledger', /^quarter: /],
      ['/api/report?quarter=2026Q1&by=dept%27%20OR%201%3D1', /^by: /],
      ['/report.html?quarter=2026Q1&lang=fr', /^lang: /],
      ['/?lang=xx', /^lang: /],
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
    expect((await fetch(new URL('/api/health', open.url), { method: 'POST' })).status).toBe(405);
    const r = await get(bare, '/api/report?quarter=2026Q1');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('report_unavailable');
  });

  it('sends the security headers on every response, errors included', async () => {
    for (const [s, path] of [[open, '/'], [open, '/api/health'], [open, '/api/report?quarter=x'], [open, '/nope'], [locked, '/']] as const) {
      const r = await get(s, path);
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(r.headers.get(k), `${path} ${k}`).toBe(v);
    }
    const csp = SECURITY_HEADERS['Content-Security-Policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('report builds', () => {
  it('run one at a time on the one connection, and a repeated request is answered from memory', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let builds = 0;
    const slow: ReportBuilder = async (_db, q) => {
      builds++;
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return reportFixture({ period: { from: q.from, to: q.to } } as Partial<Report>);
    };
    const s = await startServer({ db, host: '127.0.0.1', port: 0, buildReport: slow, log: () => {} });
    try {
      const quarters = ['2025Q2', '2025Q3', '2025Q4', '2026Q1'];
      const answers = await Promise.all(quarters.map((q) => get(s, `/api/report?quarter=${q}`)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(maxInFlight).toBe(1);
      expect(builds).toBe(4);
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
      if (q.by === 'nosuch') throw new UserError('unknown_attribute', 'by "nosuch": no account has this attribute', { hint: 'Try department.' });
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
  it('answers 401 without it, on every route', async () => {
    for (const path of ['/', '/api/health', '/api/imports', '/api/report?quarter=2026Q1', '/report.html?quarter=2026Q1', '/nope']) {
      const r = await get(locked, path);
      expect(r.status, path).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await get(locked, '/api/health', { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
  });

  it('answers with the bearer header or ?token=, and the page passes the token on to its links', async () => {
    expect((await get(locked, '/api/health', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    const page = await get(locked, `/?token=${TOKEN}&lang=en`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<input type="hidden" name="token" value="${TOKEN}">`);
    expect(html).toContain(`href="/?lang=zh-CN&amp;token=${TOKEN}"`);
  });
});
