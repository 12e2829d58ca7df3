import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedFlag } from '../../src/api/schema.ts';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers, type NewUser } from '../../src/server/users.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { cli } from '../cli-run.ts';
import { sqlRows } from '../../src/db/sql.ts';

/** Issue 17: the auditor's case list and the account page on the server: who may mark or look, what is refused, what is stored. */
const USERS: NewUser[] = [
  { name: 'ada', role: 'admin' },
  { name: '王审计', role: 'auditor' },
  { name: 'pse', role: 'auditor', pseudonymize: true },
  { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: '研发部' } },
  { name: 'vic', role: 'viewer' },
];
const NOW = new Date('2026-12-06T02:30:00Z');
const Q = '2026Q1';
const tokens: Record<string, string> = {};
let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let server: RunningServer;
let usersFile: string;

async function call(user: string | null, method: string, path: string, body?: unknown, srv = server) {
  const headers: Record<string, string> = { connection: 'close', 'X-Ledger-Lens': '1' };
  if (user) headers.authorization = `Bearer ${tokens[user]}`;
  const r = await fetch(new URL(path, srv.url), {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}
const flagsOf = async (user: string | null, srv = server) =>
  (await call(user, 'GET', `/api/audit?quarter=${Q}`, undefined, srv)).json.flags as ListedFlag[];

beforeAll(async () => {
  sample = await sampleDbFile();
  usersFile = join(sample.dir, 'users.yaml');
  for (const u of USERS) tokens[u.name] = addUser(usersFile, u);
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir, {
    users: loadUsers(usersFile),
    pseudonymKey: 'marks-test-pseudonym-key-0123456789',
    clock: () => NOW,
  });
}, 180_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

type Account = {
  account_id: string;
  summary: { department: string | null; rows: number };
  quarters: string[];
  flags: (ListedFlag & { quarter: string })[];
  rankings: { period_kind: string; rank: number | null; ranked: number | null }[];
  counterparts: { direction: string; kind: string; counterparty_id: string; share: number }[];
  months: { month: string; points_in: number }[];
};
const account = async (user: string | null, id: string, q = 'quarter=2026Q2') => {
  const r = await call(user, 'GET', `/api/account?account_id=${encodeURIComponent(id)}&${q}`);
  return { status: r.status, a: r.json as unknown as Account, json: r.json };
};

describe('the audit list', () => {
  it("labels each flag with its account's department, read for the flagged accounts only", async () => {
    const flags = await flagsOf('ada');
    const departments = new Map(
      (
        await sqlRows<{ account_id: string; value: string }>(
          db,
          `SELECT account_id, value FROM account_attributes WHERE attribute = 'department'`,
        )
      ).map((r) => [r.account_id, r.value]),
    );
    expect(flags.filter((f) => f.department !== null).length).toBeGreaterThan(3);
    for (const f of flags)
      expect(f.department, f.flag_id).toBe(departments.get(f.account_id ?? f.accounts[0] ?? '') ?? null);
  });
});

describe('case marks', () => {
  it('an auditor marks a flag: the list shows status, note, who and when', async () => {
    const flags = await flagsOf('王审计');
    expect(flags.length).toBeGreaterThan(3);
    expect(flags.every((f) => f.mark === null)).toBe(true);
    const target = flags[1];
    const r = await call('王审计', 'POST', '/api/audit/marks', {
      quarter: Q,
      flag_id: target.flag_id,
      status: 'escalated',
      note: '  与财务核对后转交内审  ',
    });
    expect(r.status).toBe(200);
    const after = await flagsOf('ada');
    const marked = after.filter((f) => f.mark !== null);
    expect(marked.map((f) => [f.flag_id, f.mark])).toEqual([
      [target.flag_id, { status: 'escalated', note: '与财务核对后转交内审', by: '王审计', at: '2026-12-06T02:30:00' }],
    ]);
  });

  it('the latest mark wins, and the flags CSV carries it under titles in the page language', async () => {
    const target = (await flagsOf('ada'))[2];
    for (const status of ['reviewed', 'false_positive'])
      expect(
        (await call('ada', 'POST', '/api/audit/marks', { quarter: Q, flag_id: target.flag_id, status })).status,
      ).toBe(200);
    expect((await flagsOf('ada')).find((f) => f.flag_id === target.flag_id)?.mark?.status).toBe('false_positive');
    const csv = async (lang: string) =>
      (
        await (
          await fetch(new URL(`/api/audit/flags.csv?quarter=${Q}&lang=${lang}`, server.url), {
            headers: { authorization: `Bearer ${tokens.ada}` },
          })
        ).text()
      ).split('\n');
    const zh = await csv('zh-CN');
    expect(zh[0]).toContain('状态');
    expect(zh[0]).toContain('备注');
    expect(zh.find((l) => l.includes('误报'))).toContain('ada');
    const en = await csv('en');
    expect(en[0]).toContain('Status');
    expect(en.find((l) => l.includes('False positive'))).toContain('2026-12-06');
  });

  it('a pseudonymised auditor marks by the id they were shown, never learning the raw one', async () => {
    const shown = await flagsOf('pse');
    const raw = await flagsOf('ada');
    const i = raw.findIndex((f) => f.mark === null && f.account_id !== null);
    expect(shown[i].flag_id).not.toBe(raw[i].flag_id);
    expect(shown[i].flag_id).toMatch(/^P-[0-9a-f]{12}$/);
    expect(
      (await call('pse', 'POST', '/api/audit/marks', { quarter: Q, flag_id: shown[i].flag_id, status: 'reviewed' }))
        .status,
    ).toBe(200);
    expect((await flagsOf('ada'))[i].mark).toMatchObject({ status: 'reviewed', by: 'pse' });
    // A raw id is not one they were shown.
    expect(
      (await call('pse', 'POST', '/api/audit/marks', { quarter: Q, flag_id: raw[i].flag_id, status: 'reviewed' }))
        .status,
    ).toBe(400);
  });

  it('managers and viewers may not mark (403); bad input answers 400 with the field named', async () => {
    const id = (await flagsOf('ada'))[0].flag_id;
    // The case list itself: auditors and administrators; a pseudonymised auditor reads pseudonyms.
    expect((await call('mgr', 'GET', '/api/audit/marks')).status).toBe(403);
    const listed = await call('pse', 'GET', '/api/audit/marks');
    expect(listed.status).toBe(200);
    expect((listed.json.cases as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(listed.json)).not.toMatch(/U\d{4}(?!\d)/);
    for (const user of ['mgr', 'vic'])
      expect(
        (await call(user, 'POST', '/api/audit/marks', { quarter: Q, flag_id: id, status: 'reviewed' })).status,
      ).toBe(403);
    const bad: [unknown, string][] = [
      [{ quarter: Q, flag_id: id, status: 'closed' }, 'status'],
      [{ quarter: Q, flag_id: 'account_spike-0000000000000000', status: 'reviewed' }, 'flag_id'],
      [{ quarter: Q, flag_id: id, status: 'reviewed', note: 'x'.repeat(2001) }, 'note'],
      [{ quarter: '2026Q5', flag_id: id, status: 'reviewed' }, 'quarter'],
      [{ quarter: Q, flag_id: id, status: 'reviewed', who: 'someone else' }, 'who'],
      ['{not json', 'JSON'],
    ];
    for (const [body, field] of bad) {
      const r = await call('ada', 'POST', '/api/audit/marks', body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(JSON.stringify(r.json)).toContain(field);
    }
    expect((await flagsOf('ada'))[0].mark).toBeNull();
  });

  it("the account page: a ring member's flags across quarters with their marks; a giver's top receiver and its share", async () => {
    const { status, a } = await account('ada', 'U0659');
    expect(status).toBe(200);
    expect(a.quarters).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
    const ring = a.flags.filter((f) => f.check === 'ring');
    expect(ring.map((f) => f.quarter)).toEqual(['2026Q1']);
    expect(a.rankings.map((r) => r.period_kind)).toEqual(['week', 'month', 'quarter', 'year', 'all']);
    expect(a.months.length).toBeGreaterThan(12);
    // A mark set on the Audit page shows here too.
    await call('ada', 'POST', '/api/audit/marks', {
      quarter: ring[0].quarter,
      flag_id: ring[0].flag_id,
      status: 'escalated',
      note: '四人循环转赠，转交内审',
    });
    expect((await account('ada', 'U0659')).a.flags.find((f) => f.flag_id === ring[0].flag_id)?.mark).toMatchObject({
      status: 'escalated',
      by: 'ada',
    });
    // U0074 approves two thirds of its awards' points in 2026Q2 to U0621: the top of its list, the share as counted
    // straight from the ledger rows.
    const giver = (await account('ada', 'U0074')).a;
    const top = giver.counterparts.find((c) => c.direction === 'out' && c.kind === 'approved')!;
    expect(top.counterparty_id).toBe('U0621');
    const [{ share }] = await sqlRows<{ share: number }>(
      db,
      `SELECT (sum(points) FILTER (WHERE account_id = 'U0621') / sum(points))::DOUBLE AS share FROM ledger
       WHERE approver_id = 'U0074' AND account_id <> 'U0074' AND points > 0 AND event_type IN ('earn', 'adjust')
         AND occurred_at >= '2026-04-01' AND occurred_at < '2026-07-01'`,
    );
    expect(share).toBeGreaterThan(0.6);
    expect(top.share).toBeCloseTo(share, 9);
    // The receiver's page names the giver among those it received from.
    const receiver = (await account('ada', 'U0621')).a;
    expect(receiver.counterparts.some((c) => c.direction === 'in' && c.counterparty_id === 'U0074')).toBe(true);
  });

  it('the account page: not for viewers; a manager only inside the scope, ranked within it; pseudonyms for a pseudonymised auditor', async () => {
    expect((await account('vic', 'U0074')).status).toBe(403);
    // People of the sample's roster (account_id, …, department in the fifth column), inside and outside the scope.
    const roster = readFileSync(join(PROJECT_ROOT, 'sample-data', 'accounts.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const own = roster.find((r) => r[4] === '研发部')![0];
    const outsider = roster.find((r) => r[4] !== '研发部')![0];
    const mine = await account('mgr', own);
    expect(mine.status).toBe(200);
    const all = (await account('ada', own)).a;
    const allTime = (x: Account) => x.rankings.find((r) => r.period_kind === 'all')!;
    // Within the scope there are fewer ranked accounts than in the program.
    expect(allTime(mine.a).ranked!).toBeLessThan(allTime(all).ranked!);
    expect((await account('mgr', outsider)).status).toBe(403);
    const pse = await account('pse', (await flagsOf('pse')).find((f) => f.check === 'account_spike')!.account_id!);
    expect(pse.status).toBe(200);
    expect(JSON.stringify(pse.json)).not.toMatch(/U\d{4}(?!\d)/);
    expect(pse.a.account_id).toMatch(/^P-/);
    expect((await account('pse', 'U0074')).status).toBe(400);
  });

  it('the account page answers 400 naming account_id for an account nobody has, and for a bad period', async () => {
    const r = await account('ada', 'U9999');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toContain('account_id \\"U9999\\": no such account');
    expect((await account('ada', 'U0074', 'quarter=2026Q7')).status).toBe(400);
  });

  it('marks are in the database file: another server over it, without a users file, shows them; its user is "local"', async () => {
    const before = (await flagsOf('ada')).filter((f) => f.mark !== null).map((f) => [f.flag_id, f.mark]);
    await server.close();
    db.close();
    db = await Database.open(sample.path, { threads: 2 });
    server = await serveDb(db, sample.dir, { clock: () => NOW });
    const again = await flagsOf(null);
    expect(again.filter((f) => f.mark !== null).map((f) => [f.flag_id, f.mark])).toEqual(before);
    // A flag of another quarter (every flag of this one is marked by now).
    const q2 = async () => (await call(null, 'GET', '/api/audit?quarter=2026Q2')).json.flags as ListedFlag[];
    const free = (await q2()).find((f) => f.mark === null)!;
    const r = await call(null, 'POST', '/api/audit/marks', {
      quarter: '2026Q2',
      flag_id: free.flag_id,
      status: 'reviewed',
    });
    expect(r.status).toBe(200);
    expect((await q2()).find((f) => f.flag_id === free.flag_id)?.mark?.by).toBe('local');
  });

  it("ledger-lens audit --json and --csv on the database carry each flag's mark; ledger-lens cases lists them", async () => {
    const shown = (await flagsOf(null)).filter((f) => f.mark !== null);
    await server.close();
    db.close();
    const r = await cli(['audit', '--json', '--quarter', Q, '--db', sample.path]);
    expect(r.stderr).toBe('');
    const flags = (JSON.parse(r.stdout) as { flags: ListedFlag[] }).flags;
    expect(flags.filter((f) => f.mark !== null).map((f) => [f.flag_id, f.mark])).toEqual(
      shown.map((f) => [f.flag_id, f.mark]),
    );
    const out = join(sample.dir, 'flags.csv');
    expect((await cli(['audit', '--csv', out, '--quarter', Q, '--db', sample.path])).code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/,flag_id,mark_status,mark_note,mark_by,mark_at$/);
    expect(csv).toContain(`${shown[0].flag_id},${shown[0].mark?.status}`);
    const listed = await cli(['cases', '--json', '--db', sample.path]);
    const cases = (JSON.parse(listed.stdout) as { cases: { flag_id: string; status: string; by: string }[] }).cases;
    // The quarter's marks, and the one of 2026Q2 set by "local".
    expect(cases.map((c) => c.flag_id)).toEqual(expect.arrayContaining(shown.map((f) => f.flag_id)));
    expect(cases).toHaveLength(shown.length + 1);
    const escalated = await cli(['cases', '--json', '--status', 'escalated', '--db', sample.path]);
    expect(
      (JSON.parse(escalated.stdout) as { cases: { status: string }[] }).cases.every((c) => c.status === 'escalated'),
    ).toBe(true);
    const bad = await cli(['cases', '--status', 'closed', '--db', sample.path]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status closed: not a case status');
    // Reopened for afterAll.
    db = await Database.open(sample.path, { threads: 2 });
    server = await serveDb(db, sample.dir, { clock: () => NOW });
  }, 120_000);
});
