import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { startLoopbackServer } from '../../src/server/loopback.ts';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { reportBuilder } from '../../src/server/report-builder.ts';
import { checkExposure, hostChecker } from '../../src/server/security.ts';
import { hostname } from 'node:os';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { fixtureDb } from './fixture-db.ts';

/** Issue 14 items 10, 11, 15, 16, 17: the server trusts neither the Host header, nor URLs, nor upload names. */

const TOKEN = 'trust-test-token-0123456789';
let fixture: Awaited<ReturnType<typeof fixtureDb>>;
let db: Database;
let open: RunningServer;
let locked: RunningServer;
let uploadDir: string;
const STALE = '00112233aabbccdd';

/** A raw HTTP request, so the Host header and undecodable paths go out exactly as written. */
function raw(
  s: RunningServer,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: s.port, path, method, headers: { host: `127.0.0.1:${s.port}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  fixture = await fixtureDb();
  db = await Database.open(fixture.path, { threads: 1 });
  uploadDir = join(fixture.dir, 'uploads');
  // An upload left by an earlier run that stopped without discarding it.
  mkdirSync(join(uploadDir, STALE), { recursive: true });
  writeFileSync(join(uploadDir, STALE, 'left.csv'), 'event_id,occurred_at,account_id,points\n');
  open = await startLoopbackServer(db, { uploadDir });
  locked = await startServer({
    db,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    buildReport: reportBuilder(),
    log: () => {},
    uploadDir: join(fixture.dir, 'uploads-locked'),
  });
});
afterAll(async () => {
  await Promise.all([open?.close(), locked?.close()]);
  db?.close();
  fixture?.cleanup();
});

describe('Host header (DNS rebinding)', () => {
  it('a loopback server answers only to loopback names: any other Host gets 421', async () => {
    for (const host of [`127.0.0.1:${open.port}`, `localhost:${open.port}`, `[::1]:${open.port}`, 'localhost']) {
      expect((await raw(open, '/api/health', { host })).status, host).toBe(200);
    }
    for (const host of [`evil.example:${open.port}`, 'attacker.test', `127.0.0.1.evil.example:${open.port}`]) {
      const r = await raw(open, '/api/health', { host });
      expect(r.status, host).toBe(421);
      expect(JSON.parse(r.text).error.code).toBe('misdirected_host');
    }
  });
});

describe('hostChecker', () => {
  it("a named bind answers to its name; a wildcard bind to IP literals and this machine's name only", () => {
    const named = hostChecker('ledger.example');
    expect(named('ledger.example:8080')).toBe(true);
    expect(named('LEDGER.example.')).toBe(true);
    expect(named('localhost:8080')).toBe(false);
    const any = hostChecker('0.0.0.0');
    for (const h of ['192.168.1.10:8080', '[fe80::1]:8080', `${hostname()}:8080`, '127.0.0.1'])
      expect(any(h), h).toBe(true);
    for (const h of ['rebind.attacker.test:8080', undefined]) expect(any(h), String(h)).toBe(false);
  });
});

describe('the token', () => {
  it('?token= on a page is exchanged for an HttpOnly SameSite=Strict cookie and the page redirects to the URL without it', async () => {
    const r = await raw(locked, `/health?quarter=2026Q1&token=${TOKEN}&lang=en`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/health?quarter=2026Q1&lang=en');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const pair = cookie.split(';')[0];
    expect((await raw(locked, '/api/meta', { cookie: pair })).status).toBe(200);
    expect((await raw(locked, '/api/meta', { cookie: 'll_token=wrong-wrong-wrong-wrong' })).status).toBe(401);
    expect((await raw(locked, '/api/meta')).status).toBe(401);
  });

  it('a wrong ?token= on a page is refused, not exchanged', async () => {
    const r = await raw(locked, '/health?token=not-the-token-0123456789');
    expect(r.status).toBe(401);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('the bearer scheme is case-insensitive', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER'])
      expect((await raw(locked, '/api/meta', { authorization: `${scheme} ${TOKEN}` })).status, scheme).toBe(200);
  });

  it('a token of spaces (or with spaces around it) is refused at start', () => {
    expect(() => checkExposure('127.0.0.1', ' '.repeat(16))).toThrow(/blank|space/);
    expect(() => checkExposure('0.0.0.0', `  ${'x'.repeat(14)}  `)).toThrow(/space/);
  });
});

describe('bad input is a 400, not a 500', () => {
  it.each([
    ['/api/audit/timeline?account_id=acc-1&from=2026-03-01&to=2026-01-01', /from.*after|before/],
    ['/api/audit/timeline?account_id=acc-1&from=2026-01-01&to=2026-02-30', /2026-02-30|no such day|not a day/],
    ['/api/audit/graph?accounts=acc-1,acc-2&from=2026-01-01&to=2026-02-30', /2026-02-30|no such day|not a day/],
    ['/%', /path/],
    ['/%E0%A4%A', /path/],
  ])('%s', async (path, message) => {
    const r = await raw(open, path);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toMatch(message);
  });

  it('an upload name over 255 bytes', async () => {
    const r = await raw(
      open,
      `/api/uploads?name=${encodeURIComponent(`${'账'.repeat(90)}.csv`)}`,
      { 'x-ledger-lens': '1' },
      'POST',
      'a,b\n1,2\n',
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toMatch(/255 bytes/);
  });

  it.each(['History', 'history', "'quoted'", "'lead"])('an xlsx sheet named %s', async (name) => {
    const body = JSON.stringify({
      name: 'x',
      lang: 'en',
      sheets: [{ name, columns: [{ key: 'a', header: 'A', type: 'string' }], rows: [{ a: '1' }] }],
    });
    const r = await raw(open, '/api/xlsx', { 'x-ledger-lens': '1', 'content-type': 'application/json' }, 'POST', body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toMatch(/sheets\.0\.name/);
  });
});

describe('uploads', () => {
  it('a stale upload from an earlier run is removed at start', () => {
    expect(existsSync(join(uploadDir, STALE))).toBe(false);
  });

  it("an upload error never shows the server's absolute paths", async () => {
    const r = await raw(open, '/api/uploads?name=notes.csv', { 'x-ledger-lens': '1' }, 'POST', 'just,a,header\n');
    expect(r.status).toBe(400);
    expect(r.text).toContain('notes.csv');
    expect(r.text).not.toContain(fixture.dir);
    expect(r.text).not.toContain(uploadDir);
  });

  it('an upload never committed nor discarded is removed at shutdown', async () => {
    const dir = join(fixture.dir, 'uploads-shutdown');
    const s = await startLoopbackServer(db, { uploadDir: dir });
    const csv = 'event_id,occurred_at,account_id,points\nu-1,2026-03-05 10:00:00,acc-1,5\n';
    const r = await raw(s, '/api/uploads?name=pending.csv', { 'x-ledger-lens': '1' }, 'POST', csv);
    expect(r.status, r.text).toBe(200);
    expect(readdirSync(dir)).toHaveLength(1);
    await s.close();
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});
