import { request } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { createApp } from '../../src/server/app.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { sqlRows } from '../../src/db/sql.ts';

/** Every query parameter any route reads (src/server/params.ts, routes/*.ts), plus the token. */
const PARAMS = [
  'quarter',
  'month',
  'by',
  'filter',
  'lang',
  'period',
  'at',
  'top',
  'account_id',
  'from',
  'to',
  'event_ids',
  'accounts',
  'field',
  'approver_id',
  'rate',
  'seed',
  'format',
  'import_id',
  'experiment',
  'rule',
  'winsorize',
  'cap',
  'multiplier',
  'disable',
  'name',
  'upload_id',
  'token',
];
/** Wrong types, out-of-range numbers, SQL metacharacters, path traversal, markup, control and wide characters. */
const GARBAGE = [
  "' OR 1=1 --",
  '1; DROP TABLE ledger; --',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '',
  '9'.repeat(400),
  '-1e308',
  'NaN',
  '\u0000\u001f',
  '🙂ünï 生产部',
  '<script>alert(1)</script>',
  "department=x' OR '1'='1",
];
const PROBES = [GARBAGE[0], GARBAGE[5]];
const LEDGER_COUNT =
  'SELECT (SELECT count(*) FROM ledger)::INTEGER AS ledger, (SELECT count(*) FROM imports)::INTEGER AS imports';

let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let server: RunningServer;
let routeKeys: string[];
let before: unknown;

beforeAll(async () => {
  sample = await sampleDbFile();
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir, { maxUploadBytes: 1024 * 1024 });
  routeKeys = createApp({ db, log: () => {} }).routeKeys;
  before = await sqlRows(db, LEDGER_COUNT);
}, 120_000);

afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

async function call(key: string, query: string) {
  const [method, path] = key.split(' ');
  const r = await fetch(new URL(`${path}${query}`, server.url), {
    method,
    headers: method === 'POST' ? { 'X-Ledger-Lens': '1' } : {},
  });
  const text = await r.text();
  return { status: r.status, text };
}

const errorMessage = (text: string): string => {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '';
  } catch {
    return '';
  }
};

describe('every route under garbage parameters', () => {
  it('answers 400 with a message naming the parameter, or 200 when the route ignores it; never 500', async () => {
    expect(routeKeys.length).toBeGreaterThan(20);
    let requests = 0;
    const problems: string[] = [];
    const slowest: [string, number][] = [];
    for (const key of routeKeys) {
      const t0 = performance.now();
      const baseline = await call(key, '');
      requests++;
      // One parameter's values at once: the refusals need no database, and the rest queue on the one connection.
      for (const name of PARAMS) {
        // A route that answers exactly as without the parameter to its two most hostile values does not read it:
        // the other values would only cost time (report.html renders a page per request).
        const probe = await Promise.all(PROBES.map((value) => call(key, `?${name}=${encodeURIComponent(value)}`)));
        const ignored = baseline.status === 200 && probe.every((a) => a.status === 200 && a.text === baseline.text);
        const values = ignored ? PROBES : GARBAGE;
        const answers = ignored
          ? probe
          : await Promise.all(GARBAGE.map((value) => call(key, `?${name}=${encodeURIComponent(value)}`)));
        requests += ignored ? 0 : PROBES.length;
        for (const [i, { status, text }] of answers.entries()) {
          const value = values[i];
          requests++;
          const where = `${key}?${name}=${JSON.stringify(value.slice(0, 30))}`;
          if (status !== 200 && status !== 400) problems.push(`${where}: ${status} ${text.slice(0, 200)}`);
          else if (status === 400 && errorMessage(text) === '') problems.push(`${where}: 400 without a message`);
          // The route works without the parameter, so a refusal must be about this parameter and say so.
          else if (status === 400 && baseline.status === 200 && !errorMessage(text).includes(name))
            problems.push(`${where}: 400 not naming ${name}: ${errorMessage(text)}`);
        }
      }
      slowest.push([key, Math.round(performance.now() - t0)]);
    }
    slowest.sort((a, b) => b[1] - a[1]);
    console.log(
      `route fuzz: ${requests} requests over ${routeKeys.length} routes, ${problems.length} problems; slowest routes (ms): ${JSON.stringify(slowest.slice(0, 4))}`,
    );
    expect(problems).toEqual([]);
    // Nothing the client sent reached the data.
    expect(await sqlRows(db, LEDGER_COUNT)).toEqual(before);
  }, 300_000);

  it('with a token, every route refuses a request without it (401) and serves one with it', async () => {
    const token = 'routes-fuzz-token-0123456789';
    const locked = await serveDb(db, sample.dir, { token });
    try {
      for (const key of routeKeys) {
        const [method, path] = key.split(' ');
        const headers: Record<string, string> = method === 'POST' ? { 'X-Ledger-Lens': '1' } : {};
        expect((await fetch(new URL(path, locked.url), { method, headers })).status, key).toBe(401);
        expect(
          (await fetch(new URL(`${path}?token=wrong-token-0123456789`, locked.url), { method, headers })).status,
          key,
        ).toBe(401);
        expect(
          (
            await fetch(new URL(path, locked.url), {
              method,
              headers: { ...headers, Authorization: `Bearer ${token}` },
            })
          ).status,
          key,
        ).not.toBe(401);
      }
    } finally {
      await locked.close();
    }
  });

  it('unknown attributes are refused with 400 naming them, not answered with an empty group', async () => {
    for (const path of [
      '/api/report?by=no_such_attribute',
      '/api/rank?period=month&by=no_such_attribute',
      '/api/report?filter=no_such_attribute%3Dx',
    ]) {
      const { status, text } = await call(`GET ${path.split('?')[0]}`, `?${path.split('?')[1]}`);
      expect(status, path).toBe(400);
      expect(errorMessage(text), path).toContain('no_such_attribute');
    }
  });

  it('an upload named with a path keeps its file inside the upload folder', async () => {
    const body = 'event_id,occurred_at,account_id,points,event_type\nX1,2026-01-05 10:00:00,A1,5,earn\n';
    const r = await fetch(new URL(`/api/uploads?name=${encodeURIComponent('../../../escape.csv')}`, server.url), {
      method: 'POST',
      headers: { 'X-Ledger-Lens': '1' },
      body,
    });
    expect(r.status).toBe(200);
    const { upload_id, name } = (await r.json()) as { upload_id: string; name: string };
    expect(name).toBe('escape.csv');
    expect(readdirSync(join(sample.dir, 'uploads', upload_id))).toEqual(['escape.csv']);
    expect(existsSync(join(sample.dir, 'escape.csv'))).toBe(false);
    expect(existsSync(join(sample.dir, '..', 'escape.csv'))).toBe(false);
  });

  it('refuses an upload by its declared size with 413, before any of the body is sent', async () => {
    const t0 = performance.now();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        new URL('/api/uploads?name=huge.csv', server.url),
        { method: 'POST', headers: { 'X-Ledger-Lens': '1', 'Content-Length': String(50 * 1024 ** 3) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.flushHeaders(); // headers only: not one byte of the declared 50 GB
    });
    expect(status).toBe(413);
    expect(errorMessage(body)).toContain('larger than the limit of 1 MB');
    expect(performance.now() - t0).toBeLessThan(5000);
    // A body that lies about its size (chunked, no Content-Length) is cut off once it passes the limit.
    const chunked = await fetch(new URL('/api/uploads?name=big.csv', server.url), {
      method: 'POST',
      headers: { 'X-Ledger-Lens': '1' },
      body: new Blob([Buffer.alloc(2 * 1024 * 1024, 0x61)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});
