import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers } from '../../src/server/users.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { userCalls } from '../server/user-calls.ts';

/**
 * Outside review: a server that keeps a period's numbers for the next report (and splits a report over a second
 * connection) must answer each request exactly as a fresh server does — whatever other users, scopes, filters or
 * periods were asked before it, and after an import between two reports.
 */
let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let usersFile: string;
let db: Database;
let server: RunningServer;
const tokens: Record<string, string> = {};
const { json } = userCalls(tokens);
let copies = 0;

const RD = encodeURIComponent('department=研发部');
const withoutTimings = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'seconds' ? undefined : v)));

/** The answer of a server that was asked nothing before: a copy of `path` served alone. */
async function fresh(path: string, user: string, url: string) {
  const copy = join(sample.dir, `fresh-${++copies}.duckdb`);
  copyFileSync(path, copy);
  const other = await Database.open(copy, { threads: 2 });
  const srv = await serveDb(other, sample.dir, {
    users: loadUsers(usersFile),
    uploadDir: join(sample.dir, `up-${copies}`),
  });
  try {
    return withoutTimings(await json(srv, user, url));
  } finally {
    await srv.close();
    other.close();
  }
}

beforeAll(async () => {
  sample = await sampleDbFile();
  usersFile = join(sample.dir, 'users.yaml');
  tokens.ada = addUser(usersFile, { name: 'ada', role: 'admin' });
  tokens.mgr = addUser(usersFile, {
    name: 'mgr',
    role: 'manager',
    scope: { attribute: 'department', value: '研发部' },
  });
  tokens.vic = addUser(usersFile, { name: 'vic', role: 'viewer' });
  const served = join(sample.dir, 'served.duckdb');
  copyFileSync(sample.path, served);
  db = await Database.open(served, { threads: 2 });
  server = await serveDb(db, sample.dir, { users: loadUsers(usersFile) });
}, 240_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

describe('reports in a row on one server never answer with another request’s numbers', () => {
  // Each step is asked right after the ones before it on the same server; the quarter's report holds the quarter
  // before, which the next steps ask for under other users, scopes and filters.
  const steps: [string, string][] = [
    ['ada', '/api/report?quarter=2026Q3'],
    ['mgr', '/api/report?quarter=2026Q2'],
    ['vic', '/api/report?quarter=2026Q2&by=role'],
    ['ada', `/api/report?quarter=2026Q2&filter=${RD}`],
    ['ada', '/api/report?quarter=2026Q2'],
    ['mgr', '/api/report?quarter=2026Q3'],
    ['ada', `/api/report?quarter=2026Q3&filter=${RD}`],
    ['mgr', '/api/report?quarter=2026Q1'],
    ['ada', '/api/report?quarter=2026Q1&by=department'],
    ['vic', '/api/report?month=2026-08'],
    ['mgr', '/api/report?month=2026-07'],
    ['ada', '/api/report?month=2026-07'],
  ];
  it('each step equals a fresh server’s answer to it alone', async () => {
    for (const [user, url] of steps) {
      const got = withoutTimings(await json(server, user, url));
      expect(got, `${user} ${url}`).toEqual(await fresh(sample.path, user, url));
    }
  }, 600_000);

  it('a scoped manager’s period before is the scope’s, never the program’s (and the reverse)', async () => {
    const program = await json(server, 'ada', '/api/report?quarter=2026Q3');
    const scoped = await json(server, 'mgr', '/api/report?quarter=2026Q3');
    expect(scoped.population.n).toBeLessThan(program.population.n);
    expect(scoped).not.toEqual(program);
    const filtered = await json(server, 'ada', `/api/report?quarter=2026Q3&filter=${RD}`);
    expect(withoutTimings(scoped).population).toEqual(withoutTimings(filtered).population);
  }, 120_000);
});

describe('an import between two reports is never answered with the numbers from before it', () => {
  it('the quarter before, held by an earlier report, includes the rows imported since', async () => {
    await json(server, 'ada', '/api/report?quarter=2026Q3'); // holds 2026Q2's numbers
    await json(server, 'mgr', '/api/report?quarter=2026Q3');
    await json(server, 'ada', '/api/rank?period=quarter&at=2026-05-01');
    await json(server, 'ada', '/api/audit?quarter=2026Q2');
    await json(server, 'mgr', '/api/audit?quarter=2026Q3');
    const csv = [
      'event_id,occurred_at,account_id,points,event_type,department',
      'REVIEW-1,2026-05-10 10:00:00,U0005,777,earn,研发部',
      'REVIEW-2,2026-08-10 10:00:00,U0005,333,earn,研发部',
      '',
    ].join('\n');
    const headers = { authorization: `Bearer ${tokens.ada}`, 'X-Ledger-Lens': '1', connection: 'close' };
    const checked = await (
      await fetch(new URL('/api/uploads?name=review.csv', server.url), { method: 'POST', body: csv, headers })
    ).json();
    const done = await fetch(new URL(`/api/uploads/commit?upload_id=${checked.upload_id}`, server.url), {
      method: 'POST',
      headers,
    });
    expect(done.status).toBe(200);
    expect((await done.json()).import).toMatchObject({ accepted: 2, quarantined: 0, duplicates: 0 });
    // The truth: the same rows imported into a copy of the database as it was, served fresh.
    const truthPath = join(sample.dir, 'truth.duckdb');
    copyFileSync(sample.path, truthPath);
    const file = join(sample.dir, 'review.csv');
    writeFileSync(file, csv);
    const t = await Database.open(truthPath, { threads: 2 });
    await importLedger(t, { file });
    t.close();
    for (const [user, url] of [
      ['ada', '/api/report?quarter=2026Q3'],
      ['mgr', '/api/report?quarter=2026Q3'],
      ['ada', '/api/report?quarter=2026Q2'],
      ['mgr', '/api/report?quarter=2026Q2'],
      // Rankings and the stored audits of the periods the import touched, too.
      ['ada', '/api/rank?period=quarter&at=2026-05-01'],
      ['mgr', '/api/rank?period=month&at=2026-08-01'],
      ['ada', '/api/audit?quarter=2026Q2'],
      ['mgr', '/api/audit?quarter=2026Q3'],
    ] as const) {
      const got = withoutTimings(await json(server, user, url));
      expect(got, `${user} ${url}`).toEqual(await fresh(truthPath, user, url));
    }
  }, 600_000);
});
