import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedAuditSettings } from '../../src/audit/settings.ts';
import { Database } from '../../src/db/database.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers } from '../../src/server/users.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';

/** Issue 13: the campaign calendar uploaded on the Data page becomes the program's audit.campaigns setting. */
let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database | undefined;
let server: RunningServer | undefined;
const tokens: Record<string, string> = {};

async function call(user: string, method: string, path: string, body?: string) {
  const headers = { authorization: `Bearer ${tokens[user]}`, 'X-Ledger-Lens': '1', connection: 'close' };
  const r = await fetch(new URL(path, server!.url), { method, headers, body });
  return { status: r.status, body: await r.json() };
}

const GOOD = 'from,to,rule,label\n2026-08-01,2026-08-03,,双倍积分周\n2026-09-10,2026-09-10,R01,教师节\n';

beforeAll(async () => {
  sample = await sampleDbFile();
  const file = join(sample.dir, 'users.yaml');
  tokens.ada = addUser(file, { name: 'ada', role: 'admin' });
  tokens.aud = addUser(file, { name: 'aud', role: 'auditor' });
  tokens.mgr = addUser(file, { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: '研发部' } });
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir, { users: loadUsers(file) });
}, 120_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

describe('the campaign calendar on the Data page', () => {
  it('a bad line is refused with its file, line and column, and nothing is stored', async () => {
    const bad = 'from,to,rule,label\n2026-08-01,2026-08-03,,ok\n2026-13-01,2026-13-02,,bad month\n';
    const r = await call('ada', 'POST', '/api/campaigns?name=cal.csv', bad);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^cal\.csv:3:1: from must be a day of the calendar/);
    expect(r.body.error.hint).toMatch(/from,to/);
    const header = await call('ada', 'POST', '/api/campaigns?name=cal.csv', 'start,end,label\n');
    expect(header.status).toBe(400);
    expect(header.body.error.message).toMatch(/cal\.csv:1: the header row must name the columns/);
    const empty = await call('ada', 'POST', '/api/campaigns?name=cal.csv', 'from,to,rule,label\n');
    expect(empty.status).toBe(400);
    expect((await call('ada', 'GET', '/api/campaigns')).body.campaigns).toEqual([]);
  });

  it('only an administrator may see, upload or delete campaigns', async () => {
    for (const user of ['aud', 'mgr']) {
      expect((await call(user, 'GET', '/api/campaigns')).status).toBe(403);
      expect((await call(user, 'POST', '/api/campaigns?name=cal.csv', GOOD)).status).toBe(403);
      expect((await call(user, 'POST', '/api/campaigns/delete?index=0&label=x')).status).toBe(403);
    }
  });

  it('an upload is stored as audit.campaigns: the audit settings and the Health chart read it; delete removes one', async () => {
    const up = await call('ada', 'POST', '/api/campaigns?name=cal.csv', GOOD);
    expect(up.status).toBe(200);
    const both = [
      { from: '2026-08-01', to: '2026-08-03', rule: null, label: '双倍积分周', multiplier: 2 },
      { from: '2026-09-10', to: '2026-09-10', rule: 'R01', label: '教师节', multiplier: 2 },
    ];
    expect(up.body.campaigns).toEqual(both);
    // The same calendar again adds nothing: each campaign is listed once.
    expect((await call('ada', 'POST', '/api/campaigns?name=cal.csv', GOOD)).body.campaigns).toEqual(both);
    // What `ledger-lens audit --db` reads, and the program's other settings kept as they were.
    const before = (await call('ada', 'GET', '/api/meta')).body.settings;
    expect((await storedAuditSettings(db!)).campaigns).toEqual(both);
    const daily = (await call('ada', 'GET', '/api/daily?quarter=2026Q3')).body.days as {
      day: string;
      campaigns: string[];
    }[];
    expect(daily.find((d) => d.day === '2026-08-02')?.campaigns).toEqual(['双倍积分周']);
    expect(daily.find((d) => d.day === '2026-08-04')?.campaigns).toEqual([]);

    const stale = await call('ada', 'POST', `/api/campaigns/delete?index=0&label=${encodeURIComponent('教师节')}`);
    expect(stale.status).toBe(409);
    const del = await call('ada', 'POST', `/api/campaigns/delete?index=0&label=${encodeURIComponent('双倍积分周')}`);
    expect(del.status).toBe(200);
    expect(del.body.campaigns).toEqual([both[1]]);
    expect((await storedAuditSettings(db!)).campaigns).toEqual([both[1]]);
    const after = (await call('ada', 'GET', '/api/daily?quarter=2026Q3')).body.days as typeof daily;
    expect(after.find((d) => d.day === '2026-08-02')?.campaigns).toEqual([]);
    expect((await call('ada', 'GET', '/api/meta')).body.settings).toEqual(before);
  });
});
