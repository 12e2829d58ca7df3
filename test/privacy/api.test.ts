import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { pseudonymizer } from '../../src/privacy/pseudonymize.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { leaks, sampleIdentities, substrings } from './outputs.ts';

/** Issue 14 item 2 and the grep test, for the API: a server with pseudonymisation on shows no raw id and no name. */
const KEY = 'api-pseudonym-key-0123456789';
const p = pseudonymizer(KEY);
const { ids, names } = sampleIdentities();

let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let server: RunningServer;

// One connection per request: searching an answer for 4,000 names can outlast the server's keep-alive timeout, and a
// request sent on a socket the server is just closing would fail for a reason that has nothing to do with the test.
const get = async (path: string) => {
  const r = await fetch(new URL(path, server.url), { headers: { connection: 'close' } });
  return { status: r.status, text: await r.text() };
};

beforeAll(async () => {
  sample = await sampleDbFile();
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir, { pseudonymKey: KEY });
}, 120_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

describe('serve with pseudonymisation on', () => {
  it('every GET route, the audit drill-down included, answers without a raw id or a name', async () => {
    // 2026Q1: the sample's quarter with a ring (a flag naming several accounts) besides one-person flags.
    const audit = JSON.parse((await get('/api/audit?quarter=2026Q1')).text) as {
      period: { from: string; to: string };
      flags: { account_id: string | null; accounts: string[]; event_ids: string[]; check: string }[];
    };
    const person = audit.flags.find((f) => f.account_id !== null)!;
    expect(person.account_id).toMatch(/^P-[0-9a-f]{12}$/);
    const ring = audit.flags.find((f) => f.accounts.length >= 2)!;
    const approver =
      audit.flags.find((f) => f.check === 'self_approval' || f.check === 'round_adjustment')?.account_id ??
      person.account_id!;
    const { from, to } = audit.period;
    const paths = [
      '/api/meta',
      '/api/report?by=department',
      '/api/daily',
      '/api/cohorts',
      '/api/gini-trend',
      '/api/imports',
      '/report.html?lang=zh-CN',
      '/api/audit',
      '/api/audit/flags.csv',
      `/api/audit/timeline?account_id=${person.account_id}&from=${from}&to=${to}`,
      `/api/audit/evidence?event_ids=${person.event_ids.join(',')}`,
      `/api/audit/graph?accounts=${ring.accounts.join(',')}&from=${from}&to=${to}`,
      `/api/audit/benford?field=adjust&approver_id=${approver}`,
      '/api/audit/sample?by=department',
      '/api/audit/sample?format=csv',
      '/api/experiments',
      '/api/ab?experiment=EXP-2026-Q2-checkin',
      '/api/simulate?cap=100',
      '/api/rank?period=quarter&top=500',
      '/api/rank?period=all&by=department',
      '/api/economics',
    ];
    const found: string[] = [];
    for (const path of paths) {
      const r = await get(path);
      expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200);
      found.push(...[...leaks(r.text, ids), ...substrings(r.text, names)].map((x) => `${path}: ${x}`));
    }
    expect(found).toEqual([]);
    // The drill-down found the person behind the pseudonym: the timeline and the evidence are not empty.
    expect(
      JSON.parse((await get(`/api/audit/timeline?account_id=${person.account_id}&from=${from}&to=${to}`)).text).points
        .length,
    ).toBeGreaterThan(0);
    const evidence = JSON.parse((await get(`/api/audit/evidence?event_ids=${person.event_ids.join(',')}`)).text)
      .rows as { account_id: string }[];
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((r) => /^P-/.test(r.account_id))).toBe(true);
  }, 300_000);

  it('a raw id as a parameter is refused (it would link a person to a pseudonym); so are groupings by a name and the raw quarantine', async () => {
    const raw = await get('/api/audit/timeline?account_id=U0001&from=2026-01-01&to=2026-04-01');
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.text).error.message).toMatch(/account_id.*pseudonym/);
    expect(p('U0001')).toMatch(/^P-/);
    const byName = await get('/api/rank?period=quarter&by=name');
    expect(byName.status).toBe(400);
    expect(JSON.parse(byName.text).error.message).toMatch(/identifies a person/);
    expect((await get(`/api/report?filter=${encodeURIComponent('姓名=王红晶')}`)).status).toBe(400);
    const quarantine = await get('/api/quarantine');
    expect(quarantine.status).toBe(403);
  });
});
