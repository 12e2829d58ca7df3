import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { OUTSIDE_SCOPE } from '../../src/server/access.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers } from '../../src/server/users.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { userCalls } from './user-calls.ts';

/**
 * Issue 19, reviewed from outside: what a hostile user of each role tried on the sample and got before the fixes.
 * Each test failed first.
 */

let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let server: RunningServer;
const tokens: Record<string, string> = {};
const { json } = userCalls(tokens);

beforeAll(async () => {
  sample = await sampleDbFile();
  const file = join(sample.dir, 'users.yaml');
  tokens.ada = addUser(file, { name: 'ada', role: 'admin' });
  tokens.vic = addUser(file, { name: 'vic', role: 'viewer' });
  tokens.mgr = addUser(file, { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: '研发部' } });
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir, { users: loadUsers(file) });
}, 180_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

describe("a manager's flags keep their own ids", () => {
  it('each flag of the scope has a distinct id of its own, and the account page names it alike', async () => {
    const own: { flag_id: string; check: string; account_id: string | null }[] = [];
    for (const q of ['2025Q3', '2026Q2']) own.push(...(await json(server, 'mgr', `/api/audit?quarter=${q}`)).flags);
    expect(own.length).toBeGreaterThan(1);
    expect(own.filter((f) => f.flag_id === OUTSIDE_SCOPE)).toEqual([]);
    expect(new Set(own.map((f) => f.flag_id)).size).toBe(own.length);
    for (const f of own) expect(f.flag_id).toMatch(new RegExp(`^${f.check}-[0-9a-f]{16}$`));
    const flagged = own.find((f) => f.account_id !== null)!;
    const page = await json(server, 'mgr', `/api/account?account_id=${flagged.account_id}&quarter=2025Q3`);
    expect(page.flags.map((f: { flag_id: string }) => f.flag_id)).toContain(flagged.flag_id);
  });
});
